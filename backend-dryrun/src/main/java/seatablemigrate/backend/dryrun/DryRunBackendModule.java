package seatablemigrate.backend.dryrun;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.spi.HostBackend;

/**
 * Makes a dry-run of any backend: binds {@link HostBackend} to a {@link RecordingHostBackend} around the live backend that
 * {@code live} binds, and binds the injector's one {@link Recorder}, which that backend records into and from which
 * core's module makes the run mode a recording one.
 */
public final class DryRunBackendModule extends AbstractModule {
    private final Module live;

    public DryRunBackendModule(Module live) {
        this.live = live;
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Recorder.class).setBinding().toProvider(Recorder::new).in(Scopes.SINGLETON);
        bind(HostBackend.class).to(RecordingHostBackend.class);
    }

    /**
     * The live backend is built by an injector of its own: {@code live} binds {@link HostBackend} too, and Guice lets no
     * key be bound both in an injector and in a private module or child injector beneath it.
     */
    @Provides
    @Singleton
    RecordingHostBackend recording(Recorder recorder) {
        return new RecordingHostBackend(Guice.createInjector(live).getInstance(HostBackend.class), recorder);
    }
}

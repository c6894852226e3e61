package seatablemigrate.backend.dryrun;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.spi.HostBackend;

/** Wraps the live backend that {@code live} binds in a {@link RecordingHostBackend} that records into {@code recorder}. */
public final class DryRunBackendModule extends AbstractModule {
    private final Module live;
    private final Recorder recorder;

    public DryRunBackendModule(Module live, Recorder recorder) {
        this.live = live;
        this.recorder = recorder;
    }

    @Override
    protected void configure() {
        install(new PrivateModule() {
            @Override
            protected void configure() {
                install(live);
                bind(Key.get(HostBackend.class, Names.named("live"))).to(HostBackend.class);
                expose(Key.get(HostBackend.class, Names.named("live")));
            }
        });
    }

    @Provides
    @Singleton
    RecordingHostBackend recording(@Named("live") HostBackend live) {
        return new RecordingHostBackend(live, recorder);
    }
}

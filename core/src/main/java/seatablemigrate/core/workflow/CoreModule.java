package seatablemigrate.core.workflow;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.util.Optional;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.registry.RegistryCatalog;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.HostBackend;

/**
 * Core's side of the assembly: the {@link Workflow} and what it is made of, for the {@link HostBackend} that a backend's
 * module binds. One injector serves one command on one host, so everything here is one per injector.
 *
 * <ul>
 *   <li>{@link Clock}: the system clock in UTC (run folders and journals are named in UTC);
 *   <li>{@link Interruption}: the one stop request of the run, which the caller hands to its signal handler;
 *   <li>{@link ImageCatalog.Factory}: the registries as the user's Docker configuration reaches them;
 *   <li>{@link RunMode}: a dry-run exactly when the injector holds a {@link Recorder} (the dry-run module binds one, and
 *       its recording backend records into that same instance), live otherwise.
 * </ul>
 */
public final class CoreModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(Interruption.class).in(Scopes.SINGLETON);
        // No default: only a dry-run binds a recorder.
        OptionalBinder.newOptionalBinder(binder(), Recorder.class);
    }

    @Provides
    @Singleton
    RunMode mode(Optional<Recorder> recorder) {
        return recorder.map(RunMode::recording).orElse(RunMode.LIVE);
    }

    @Provides
    @Singleton
    ImageCatalog.Factory registries() {
        return RegistryCatalog.ofUser();
    }

    @Provides
    @Singleton
    Workflow workflow(HostBackend host, RunMode mode, Clock clock, Interruption interruption, ImageCatalog.Factory registries) {
        return new Workflow(host, mode, clock, interruption, registries);
    }
}

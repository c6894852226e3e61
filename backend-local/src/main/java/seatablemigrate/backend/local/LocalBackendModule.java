package seatablemigrate.backend.local;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import seatablemigrate.core.spi.HostBackend;

/** Binds the local backend. Nothing connects until the first call. */
public final class LocalBackendModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(HostBackend.class).to(LocalHostBackend.class).in(Scopes.SINGLETON);
    }
}

package seatablemigrate.backend.local;

import com.google.inject.Module;
import seatablemigrate.core.spi.BackendProvider;
import seatablemigrate.core.spi.ConnectionOptions;

/** Serves the target {@code local} (and {@code localhost}). */
public final class LocalBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean accepts(String hostTarget) {
        return hostTarget.equals("local") || hostTarget.equals("localhost");
    }

    @Override
    public Module module(String hostTarget, ConnectionOptions options) {
        return new LocalBackendModule();
    }
}

package seatablemigrate.backend.local;

import seatablemigrate.core.spi.BackendProvider;

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
    public com.google.inject.Module module(String hostTarget, seatablemigrate.core.spi.ConnectionOptions options) {
        return new LocalBackendModule();
    }
}

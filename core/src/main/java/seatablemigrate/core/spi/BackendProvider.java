package seatablemigrate.core.spi;

import com.google.inject.Module;

/**
 * Names one {@link HostBackend} implementation and supplies its Guice module; discovered with
 * {@link java.util.ServiceLoader}. The CLI picks the provider that accepts the user's {@code --host} value.
 */
public interface BackendProvider {
    /** The backend's name, e.g. {@code local}, listed when no provider accepts a target. */
    String name();

    /** Whether this backend serves the host target ({@code local}, {@code user@host}, ...). */
    boolean accepts(String hostTarget);

    /** A module that binds {@link HostBackend} for that target. Creating it must not connect anywhere. */
    Module module(String hostTarget, ConnectionOptions options);
}

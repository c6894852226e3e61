package seatablemigrate.cli;

import com.google.inject.Guice;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.spi.BackendProvider;
import seatablemigrate.core.spi.HostBackend;

/** Finds the backend for a {@code --host} value through ServiceLoader and lets Guice build it. */
final class HostConnection {
    private HostConnection() {}

    static HostBackend open(String hostTarget) {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            names.add(p.name());
            if (p.accepts(hostTarget)) {
                return Guice.createInjector(p.module(hostTarget)).getInstance(HostBackend.class);
            }
        }
        throw new UsageException("no backend serves --host " + hostTarget + " (known backends: " + String.join(", ", names) + ")");
    }
}

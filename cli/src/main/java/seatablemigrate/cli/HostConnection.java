package seatablemigrate.cli;

import com.google.inject.Guice;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import seatablemigrate.backend.dryrun.DryRunBackendModule;
import seatablemigrate.backend.dryrun.RecordingHostBackend;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.BackendProvider;
import seatablemigrate.core.spi.ConnectionOptions;
import seatablemigrate.core.spi.HostBackend;

/** Finds the backend for a {@code --host} value through ServiceLoader and lets Guice build it. */
final class HostConnection {
    private HostConnection() {}

    /** The live backend, or for a dry-run the recording backend that wraps it and records into the mode's recorder. */
    static HostBackend open(String hostTarget, ConnectionOptions options, RunMode mode) {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            names.add(p.name());
            if (p.accepts(hostTarget)) {
                return mode.dryRun()
                        ? Guice.createInjector(new DryRunBackendModule(p.module(hostTarget, options), mode.recorder().orElseThrow()))
                                .getInstance(RecordingHostBackend.class)
                        : Guice.createInjector(p.module(hostTarget, options)).getInstance(HostBackend.class);
            }
        }
        throw new UsageException("no backend serves --host " + hostTarget + " (known backends: " + String.join(", ", names) + ")");
    }
}

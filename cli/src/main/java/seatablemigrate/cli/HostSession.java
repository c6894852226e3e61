package seatablemigrate.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import seatablemigrate.backend.dryrun.DryRunBackendModule;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.BackendProvider;
import seatablemigrate.core.spi.ConnectionOptions;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.CoreModule;
import seatablemigrate.core.workflow.Workflow;

/**
 * What a command works with on one host, as Guice assembles it: core's {@link CoreModule} with the module of the backend
 * that serves the {@code --host} value (found through ServiceLoader), wrapped for a dry-run. This is the CLI's only
 * injector, one per command that reaches a host: help, version, completion and the man page never build one. Building
 * connects nowhere; the backend connects on first use and is closed with the session.
 */
final class HostSession implements AutoCloseable {
    private final Injector injector;
    private final HostBackend host;
    /** Whether {@link #workflow} was asked for, and so the registries' factory made. */
    private boolean asked;

    private HostSession(Injector injector) {
        this.injector = injector;
        this.host = injector.getInstance(HostBackend.class);
    }

    /** A live session. */
    static HostSession live(String hostTarget, ConnectionOptions options) {
        return open(hostTarget, options, false);
    }

    /** A live session, or for a dry-run one whose host records its changes instead of making them. */
    static HostSession open(String hostTarget, ConnectionOptions options, boolean dryRun) {
        Module backend = backend(hostTarget, options);
        return new HostSession(Guice.createInjector(new CoreModule(), dryRun ? new DryRunBackendModule(backend) : backend));
    }

    private static Module backend(String hostTarget, ConnectionOptions options) {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            names.add(p.name());
            if (p.accepts(hostTarget)) {
                return p.module(hostTarget, options);
            }
        }
        throw new UsageException("no backend serves --host " + hostTarget + " (known backends: " + String.join(", ", names) + ")");
    }

    /** The host, as the workflow sees it (for a dry-run, the recording backend). */
    HostBackend host() {
        return host;
    }

    /** The use cases, over {@link #host()}. */
    Workflow workflow() {
        asked = true;
        return injector.getInstance(Workflow.class);
    }

    /** Live, or a dry-run with the recorder the host records into. */
    RunMode mode() {
        return injector.getInstance(RunMode.class);
    }

    /** The run's stop request, for the signal handler. */
    Interruption interruption() {
        return injector.getInstance(Interruption.class);
    }

    /**
     * Closes the host's connection and, when the use cases were asked for, the registries' transport: a command's
     * threads end with it, and none is left waiting in native code to hold up the JVM's exit.
     */
    @Override
    public void close() {
        try {
            host.close();
        } finally {
            if (asked) {
                injector.getInstance(ImageCatalog.Factory.class).close();
            }
        }
    }
}

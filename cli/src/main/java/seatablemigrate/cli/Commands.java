package seatablemigrate.cli;

import java.time.Clock;
import seatablemigrate.core.registry.RegistryCatalog;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.Workflow;

/** Builds the workflow the commands share. */
final class Commands {
    private Commands() {}

    /** A live workflow. */
    static Workflow workflow(HostBackend host) {
        return workflow(host, RunMode.LIVE, new Interruption());
    }

    /** A workflow in {@code mode}, for a host opened in the same mode ({@link HostConnection#open}). */
    static Workflow workflow(HostBackend host, RunMode mode, Interruption interruption) {
        return new Workflow(host, mode, Clock.systemUTC(), interruption, RegistryCatalog.ofUser());
    }
}

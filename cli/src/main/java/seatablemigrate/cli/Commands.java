package seatablemigrate.cli;

import java.time.Clock;
import seatablemigrate.core.registry.RegistryCatalog;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.Interruption;
import seatablemigrate.core.workflow.Workflow;

/** Builds the workflow the commands share. */
final class Commands {
    private Commands() {}

    static Workflow workflow(HostBackend host) {
        return new Workflow(host, Clock.systemUTC(), new Interruption(), RegistryCatalog.ofUser());
    }
}

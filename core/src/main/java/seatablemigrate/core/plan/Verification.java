package seatablemigrate.core.plan;

import java.nio.file.Path;
import java.time.Duration;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.spi.Shell;

/** What must be proven after a step's changes before the workflow goes on. */
public sealed interface Verification {

    /**
     * The shell form: a call of the audit script's prelude function that proves what {@code Verifier} proves in Java.
     * Plans (their JSON and report) show it too, so it lives with the verification rather than with the script.
     */
    String shellCall();

    /** The dump file ends with {@code -- Dump completed} and holds the rows of every table its first lines count (see {@code Verifier}). */
    record DumpComplete(Path file) implements Verification {
        @Override
        public String shellCall() {
            return "dump_complete " + Shell.quote(file.toString());
        }
    }

    /**
     * SeaTable's container is healthy and {@code /server-info/} reports this edition and version, within the timeout
     * (bounded as {@link MigrationRequest#checkHealthTimeout} says, so that no wait can overflow).
     */
    record Healthy(Edition edition, SeaTableVersion version, Duration timeout) implements Verification {
        public Healthy {
            MigrationRequest.checkHealthTimeout(timeout, "the health timeout");
        }

        @Override
        public String shellCall() {
            return "wait_healthy " + edition.id() + " " + version + " " + timeout.toSeconds();
        }
    }
}

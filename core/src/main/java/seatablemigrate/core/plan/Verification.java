package seatablemigrate.core.plan;

import java.nio.file.Path;
import java.time.Duration;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;

/** What must be proven after a step's changes before the workflow goes on. */
public sealed interface Verification {

    /** The dump file ends with {@code -- Dump completed} and holds the rows of every table its first lines count (see {@code Verifier}). */
    record DumpComplete(Path file) implements Verification {}

    /** SeaTable's container is healthy and {@code /server-info/} reports this edition and version, within the timeout. */
    record Healthy(Edition edition, SeaTableVersion version, Duration timeout) implements Verification {}
}

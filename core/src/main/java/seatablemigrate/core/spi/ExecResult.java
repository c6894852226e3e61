package seatablemigrate.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * The result of a command. A non-zero exit is data, not an exception; an exit status that was never received
 * (the command was cut off) is an empty {@code exitCode}.
 */
public record ExecResult(OptionalInt exitCode, String stdout, String stderr) {
    public ExecResult {
        requireNonNull(exitCode, "exitCode is null");
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
    }

    public static ExecResult of(int exitCode, String stdout, String stderr) {
        return new ExecResult(OptionalInt.of(exitCode), stdout, stderr);
    }

    public boolean succeeded() {
        return exitCode.isPresent() && exitCode.getAsInt() == 0;
    }

    /** For messages: the exit status and the last line of stderr. */
    public String describe() {
        String status = exitCode.isPresent() ? "exit " + exitCode.getAsInt() : "no exit status";
        String err = stderr.strip();
        int nl = err.lastIndexOf('\n');
        String last = nl < 0 ? err : err.substring(nl + 1);
        return last.isEmpty() ? status : status + ": " + last;
    }
}

package seatablemigrate.core.workflow;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.ProgressListener;

/**
 * The run's journal beside its backup: one line before and after each step ({@code time event step detail}) and a
 * final {@code END outcome} line. A journal without {@code END} belongs to a run that was cut off; the next run
 * reads it to complete or roll back that switch.
 */
public final class Journal {
    public static final String RUN = "RUN";
    public static final String BEGIN = "BEGIN";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    public static final String END = "END";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HostBackend host;
    private final Path file;

    public Journal(HostBackend host, Path runDir) {
        this.host = requireNonNull(host, "host is null");
        this.file = runDir.resolve(Planner.JOURNAL);
    }

    /**
     * Appends a line. A journal that cannot be written (the connection to the host is gone) does not stop the
     * runner: it returns false and the runner's own report says what happened.
     */
    public boolean write(String event, String step, String detail) {
        String text = event + " " + step + (detail.isEmpty() ? "" : " " + detail.replace('\n', ' '));
        try {
            host.apply(new Change.AppendJournalLine(file, text), TIMEOUT, ProgressListener.NONE);
            return true;
        } catch (seatablemigrate.core.MigrateException e) {
            return false;
        }
    }

    /** An unfinished run found in a journal. */
    public record Unfinished(Path runDir, Path composeDir, List<String> stepsDone, List<String> stepsBegun) {
        public boolean stackTouched() {
            return stepsBegun.stream().anyMatch(s -> s.equals("stop") || s.startsWith("switch") || s.equals("license")
                    || s.equals("start") || s.equals("verify") || s.startsWith("rollback"));
        }
    }

    /** Reads a journal; empty when it is complete, missing, or for another compose directory. */
    public static Optional<Unfinished> unfinished(HostBackend host, Path runDir, Path composeDir) {
        Optional<byte[]> bytes = host.readFile(runDir.resolve(Planner.JOURNAL));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        List<String[]> lines = Arrays.stream(new String(bytes.get(), StandardCharsets.UTF_8).split("\n"))
                .filter(l -> !l.isBlank()).map(l -> l.split(" ", 4)).filter(p -> p.length >= 3).toList();
        boolean ours = lines.stream().anyMatch(p -> p[1].equals(RUN) && p.length == 4 && p[3].startsWith("composeDir=" + composeDir + " "));
        boolean ended = lines.stream().anyMatch(p -> p[1].equals(END));
        if (!ours || ended) {
            return Optional.empty();
        }
        List<String> done = lines.stream().filter(p -> p[1].equals(DONE)).map(p -> p[2]).toList();
        List<String> begun = lines.stream().filter(p -> p[1].equals(BEGIN)).map(p -> p[2]).toList();
        return Optional.of(new Unfinished(runDir, composeDir, done, begun));
    }
}

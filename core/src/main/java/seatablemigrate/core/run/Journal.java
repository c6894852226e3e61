package seatablemigrate.core.run;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.ProgressListener;

/**
 * The run's journal beside its backup: one line before and after each step ({@code time event step detail}) and a
 * final {@code END outcome} line. A journal without {@code END} belongs to a run that was cut off, and one whose
 * last {@code END} says {@code NEEDS_ATTENTION} to a run whose rollback failed: both are unresolved, and the next
 * run reads the journal to complete or roll back that switch, then adds its own {@code END} line.
 */
public final class Journal {
    public static final String RUN = "RUN";
    public static final String BEGIN = "BEGIN";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    public static final String END = "END";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String COMPOSE_DIR = "composeDir=";
    private static final String FROM = " from=";

    private final HostBackend host;
    private final Path file;

    public Journal(HostBackend host, Path runDir) {
        this.host = requireNonNull(host, "host is null");
        this.file = new RunFolder(runDir).journal();
    }

    /**
     * Appends a line. A journal that cannot be written (the connection to the host is gone) does not stop the
     * runner: it returns false and the runner's own report says what happened.
     */
    public boolean write(String event, String step, String detail) {
        try {
            host.apply(new FileEdit.AppendJournalLine(file, text(event, step, detail)), TIMEOUT, ProgressListener.NONE);
            return true;
        } catch (MigrateException e) {
            return false;
        }
    }

    /** A journal line's text after its time: {@code event step [detail]}, on one line. */
    public static String text(String event, String step, String detail) {
        return event + " " + step + (detail.isEmpty() ? "" : " " + detail.replace('\n', ' ').replace('\r', ' '));
    }

    /** Writes the run's first line, {@code RUN run composeDir=DIR from=EDITION:VERSION to=EDITION:VERSION}. */
    public boolean writeRun(Path composeDir, String from, String to) {
        return write(RUN, "run", COMPOSE_DIR + composeDir + FROM + from + " to=" + to);
    }

    /** The compose directory a {@code RUN} line names (it may hold spaces: it ends at the last " from="). */
    private static Optional<Path> composeDir(Entry run) {
        String d = run.detail();
        int end = d.lastIndexOf(FROM);
        return d.startsWith(COMPOSE_DIR) && end > COMPOSE_DIR.length() ? Optional.of(Path.of(d.substring(COMPOSE_DIR.length(), end)))
                : Optional.empty();
    }

    /**
     * An unresolved run found in a journal.
     *
     * @param failures       {@code step: why} for each step that failed, in order
     * @param needsAttention whether it ended {@code NEEDS_ATTENTION} (its rollback failed) rather than being cut off
     */
    public record Unfinished(Path runDir, Path composeDir, List<String> stepsDone, List<String> stepsBegun, List<String> failures,
                             boolean needsAttention) {
        public boolean stackTouched() {
            // A step this version does not know (a journal of another version) counts as touching: recovery is the safe side.
            return stepsBegun.stream().anyMatch(s -> StepId.parse(s).map(StepId::touchesStack).orElse(true));
        }

        /** What the journal tells about this run, for people. */
        public String describe() {
            return "run " + runDir.getFileName() + (needsAttention ? " ended NEEDS ATTENTION" : " was cut off") + "; steps done: "
                    + (stepsDone.isEmpty() ? "none" : String.join(", ", stepsDone))
                    + (failures.isEmpty() ? "" : "; failed: " + String.join("; ", failures));
        }
    }

    /** One line of a journal: {@code time event step [detail]}. */
    record Entry(String event, String step, String detail) {}

    /** A run's journal lines in order; empty when it has none. */
    public static List<Entry> read(HostBackend host, Path runDir) {
        return host.readFile(new RunFolder(runDir).journal()).map(bytes -> Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\n"))
                .map(l -> l.split(" ", 4)).filter(p -> p.length >= 3).map(p -> new Entry(p[1], p[2], p.length == 4 ? p[3] : ""))
                .toList()).orElse(List.of());
    }

    /**
     * How a run ended: the word of its last {@code END} line; empty for a run that was cut off, also when steps after
     * that line were left unfinished (a later rollback to this backup that was cut off in turn).
     */
    public static Optional<String> outcome(List<Entry> entries) {
        int last = lastEnd(entries);
        return last < 0 || laterSection(entries, last) ? Optional.empty() : Optional.of(entries.get(last).step());
    }

    private static int lastEnd(List<Entry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).event().equals(END)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether steps after the END line at {@code end} were left unfinished: they did not end with a verification done
     * (cut off mid-way, or failed). Earlier versions wrote no END after a rollback to a backup; such a section that
     * ended verified is finished.
     */
    private static boolean laterSection(List<Entry> entries, int end) {
        List<Entry> steps = entries.subList(end + 1, entries.size()).stream()
                .filter(e -> e.event().equals(BEGIN) || e.event().equals(DONE) || e.event().equals(FAILED)).toList();
        if (steps.isEmpty()) {
            return false;
        }
        Entry last = steps.get(steps.size() - 1);
        boolean verified = last.event().equals(DONE) && StepId.parse(last.step())
                .filter(id -> id == StepId.ROLLBACK_VERIFY || id == StepId.VERIFY).isPresent();
        return !verified;
    }

    /** The outcome word of a run whose rollback failed; such a run stays unresolved until a later END. */
    public static final String NEEDS_ATTENTION = "NEEDS_ATTENTION";

    /**
     * The shell twin of {@link #unfinished} with {@link Unfinished#stackTouched()}, for audit scripts: {@code
     * run_needs_recovery DIR} succeeds when the journal in DIR ends {@code END NEEDS_ATTENTION}, or has no final END
     * and began a step that touches the stack (a step it does not know counts as touching). Such a run's saved files are
     * the way back, so its folder must stay where the host's pointer finds it.
     */
    public static final String SHELL_FUNCTION = String.join("\n",
            "# run_needs_recovery DIR: the run whose journal is in DIR touched SeaTable and is not resolved",
            "run_needs_recovery() {",
            "  local j=\"$1/" + RunFolder.JOURNAL + "\" last",
            "  [ -f \"$j\" ] || return 1",
            "  last=$(tail -n 1 -- \"$j\"); last=${last#* }",
            "  case $last in",
            "    '" + END + " " + NEEDS_ATTENTION + "'*) return 0 ;;",
            "    '" + END + " '*) return 1 ;;",
            "  esac",
            "  grep -E '^[^ ]+ " + BEGIN + " ' -- \"$j\" | grep -qvE '^[^ ]+ " + BEGIN + " ("
                    + Arrays.stream(StepId.values()).filter(s -> !s.touchesStack()).map(StepId::id).collect(Collectors.joining("|"))
                    + ")( |$)'",
            "}",
            "");

    /** Reads a journal; empty when it is resolved (its last END is not NEEDS_ATTENTION), missing, or for another compose directory. */
    public static Optional<Unfinished> unfinished(HostBackend host, Path runDir, Path composeDir) {
        List<Entry> entries = read(host, runDir);
        boolean ours = entries.stream().anyMatch(e -> e.event().equals(RUN) && composeDir(e).filter(composeDir::equals).isPresent());
        Optional<String> outcome = outcome(entries);
        if (!ours || outcome.filter(o -> !o.equals(NEEDS_ATTENTION)).isPresent()) {
            return Optional.empty();
        }
        // A section cut off after a resolved END (a rollback to this backup) is judged by its own steps.
        int last = lastEnd(entries);
        boolean cutAfterResolved = last >= 0 && !entries.get(last).step().equals(NEEDS_ATTENTION);
        if (cutAfterResolved) {
            entries = entries.subList(last + 1, entries.size());
        }
        List<String> done = entries.stream().filter(e -> e.event().equals(DONE)).map(Entry::step).toList();
        List<String> begun = entries.stream().filter(e -> e.event().equals(BEGIN)).map(Entry::step).toList();
        List<String> failures = entries.stream().filter(e -> e.event().equals(FAILED))
                .map(e -> e.step() + (e.detail().isEmpty() ? "" : ": " + e.detail())).toList();
        return Optional.of(new Unfinished(runDir, composeDir, done, begun, failures, outcome.isPresent()));
    }
}

package seatablemigrate.core.audit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.inspect.ContainerQueries;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.License;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.PreflightChecks;
import seatablemigrate.core.plan.RollbackSteps;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.plan.Target;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.run.Verifier;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.Ownership;
import seatablemigrate.core.spi.Shell;

/**
 * Renders a dry-run as a bash script a reviewer can read and run: a header with what was observed, every
 * pre-flight check as a guard, then exactly the changes and verifications the live runner produced (as recorded),
 * with the plan's rollback on failure. Secrets are never written: the script reads them on the host as the tool
 * does. Exit codes and the journal's END mirror the live run's ({@link Outcome}): 0 done, 3 refused by a guard or a step
 * failed before SeaTable was touched (END FAILED_UNCHANGED), 4 rolled back, 5 needs attention, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
 *
 * <p>The script can run again: a failure before SeaTable was touched leaves nothing in the way. Its run folder is fixed
 * when recording, so a folder an earlier run of the script left is set aside just before step 1 when that run is resolved
 * (the guard {@code run-folder} refuses one that still needs recovery: its journal and saved files are the way back).
 */
public final class AuditScript {
    private final MigrationPlan plan;
    private final List<Recorder.Entry> entries;
    private final String toolVersion;
    private final Instant now;
    private final List<String> unobserved;
    private final String host;

    /**
     * @param host       how the host is named in the header
     * @param unobserved what could not be observed when recording (offline), listed in the header
     */
    public AuditScript(MigrationPlan plan, List<Recorder.Entry> entries, String toolVersion, Instant now, String host,
                       List<String> unobserved) {
        this.host = requireNonNull(host, "host is null");
        this.plan = requireNonNull(plan, "plan is null");
        this.entries = List.copyOf(entries);
        this.toolVersion = requireNonNull(toolVersion, "toolVersion is null");
        this.now = requireNonNull(now, "now is null");
        this.unobserved = List.copyOf(unobserved);
    }

    /**
     * The script of a dry-run: the recorder's entries, and in its header the checks that were deferred to it (what
     * could not be observed when recording, {@code name: message}).
     *
     * @param host how the host is named in the header ({@link #hostWords})
     */
    public static AuditScript ofDryRun(MigrationPlan plan, Recorder recorder, String toolVersion, Instant now, String host) {
        List<String> unobserved = plan.checks().stream().filter(c -> c.status() == CheckResult.Status.DEFERRED)
                .map(c -> c.name() + ": " + c.message()).toList();
        return new AuditScript(plan, recorder.entries(), toolVersion, now, host, unobserved);
    }

    /**
     * Who a dry-run's script (and its report) is for: {@code hostName}, or for an offline recording the copy and the host
     * it came from, with how to run {@code file} there ({@code sudo bash FILE} when the host is reached with sudo).
     */
    public static String hostWords(MigrationPlan plan, String hostName, Path file, boolean sudo) {
        return plan.request().offlineSource().map(s -> s + " (recorded offline; run it on that host as root"
                + (sudo ? ": sudo bash " + file.getFileName() : "") + ")").orElse(hostName);
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        header(sb);
        sb.append("set -euo pipefail\n\n");
        Installation inst = plan.installation();
        sb.append("COMPOSE_DIR=").append(Shell.quote(inst.composeDir().toString())).append('\n');
        sb.append("SERVICE=").append(Shell.quote(inst.seatableService().orElse("seatable-server"))).append('\n');
        sb.append(STATE);
        sb.append(PRELUDE);
        lock(sb, RunPointer.lockFile(inst.composeDir()));
        guards(sb);
        rollback(sb);
        steps(sb);
        return sb.toString();
    }

    private void header(StringBuilder sb) {
        Installation inst = plan.installation();
        Target t = plan.target().orElseThrow();
        sb.append(SHEBANG);
        // Every value below comes from outside (paths, the host, the compose files): one comment line each, escaped.
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("seatable-migrate audit script: switch SeaTable to the " + t.edition().displayName());
        lines.add("Recorded by seatable-migrate " + toolVersion + " (dry-run) at " + now);
        lines.add("Host:         " + host);
        // The plan file a change board approved, when the script was written from one: the same digest it was shown.
        plan.request().reviewed().ifPresent(r -> lines.add("Reviewed plan: sha256 " + r.digest() + " (" + (r.copy().isPresent() ? "the copy" : "the host")
                + " and the steps were found exactly as reviewed)"));
        lines.add("Compose dir:  " + inst.composeDir());
        lines.add("Current:      " + inst.state().edition().map(e -> e.displayName()).orElse("?") + " "
                + inst.state().version().map(Object::toString).orElse("?") + ", image "
                + inst.configuredImage().map(Object::toString).orElse("?")
                + inst.seatable().map(c -> " (image ID " + c.imageId() + ", " + c.condition() + ")").orElse(""));
        lines.add("Target:       " + t.edition().displayName() + " " + t.version() + ", image " + t.image()
                + t.imageId().map(id -> " (image ID " + id + ")")
                        .orElse(plan.request().offline() ? " (not observed: a guard requires it on the host)" : " (pulled by this script)"));
        inst.env().ifPresent(e -> lines.add(".env sha256:  " + e.sha256()));
        inst.license().license().map(License::sha256).ifPresent(s -> lines.add("license sha256 (in place): " + s));
        plan.request().licenseFile().ifPresent(f -> plan.checks().stream().filter(c -> c.name().equals("license")).findFirst()
                .ifPresent(c -> lines.add("license to install: " + f + " (" + c.message() + ")")));
        lines.add("Backup:       " + plan.runDir() + (plan.request().backup() ? "" : " (no database dump: --no-backup)"));
        if (!unobserved.isEmpty()) {
            lines.add("Not observed when recording (checked by guards when this script runs):");
            unobserved.forEach(u -> lines.add("  - " + u));
        }
        lines.add("Pre-flight at recording time:");
        plan.checks().forEach(c -> lines.add("  [" + c.status().word() + "] " + c.name() + ": " + c.message()));
        lines.add("");
        lines.add("Run as root on the host: bash <this file>. Exit codes: 0 done, 3 refused by a guard (nothing changed),");
        lines.add("4 failed and rolled back, 5 rollback failed (see the journal), 130 interrupted, 143 terminated.");
        lines.forEach(l -> sb.append(Shell.comment(l)));
        sb.append('\n');
    }

    /**
     * The lock a live run holds, taken by the same shell function ({@link HostLock#SHELL_FUNCTION}): a live run and this
     * script never change the host at once, and the script refuses a lock folder that is not the tool's own.
     */
    static void lock(StringBuilder sb, Path lockFile) {
        sb.append("# ---- The lock every seatable-migrate run takes on this project: one run at a time ----\n");
        sb.append(HostLock.SHELL_FUNCTION);
        sb.append("if ! seatable_migrate_lock ").append(Shell.quote(lockFile.toString()))
                .append(" \"pid=$$ since=$(date -u +%Y-%m-%dT%H:%M:%SZ) seatable-migrate audit script\"; then\n");
        sb.append("  fail_guard lock \"$sm_lock_refusal\"\n");
        sb.append("fi\n\n");
    }

    /**
     * Every check's guard, then the run folder's. A guard prints what it expected and what it found when it fails
     * ({@link CheckResult#shellGuard()}): that line, not the check's message from recording, is the refusal.
     */
    private void guards(StringBuilder sb) {
        sb.append("# ---- Pre-flight guards: stop before any change when the host no longer looks as recorded ----\n");
        for (CheckResult c : plan.checks()) {
            if (c.shellGuard().isEmpty()) {
                continue;
            }
            sb.append(Shell.comment(c.name() + ": " + c.message()));
            sb.append("if ! sm_found=$( { ").append(c.shellGuard().get()).append("; } 2>/dev/null ); then\n");
            sb.append("  fail_guard ").append(Shell.message(c.name())).append(" \"$sm_found\"\n");
            sb.append("fi\n");
        }
        runFolderGuard(sb, plan.runDir());
        sb.append("echo 'seatable-migrate audit script: every guard passed'\n\n");
    }

    /**
     * The run folder is fixed when recording: it must be new, or be the tool's own and left by a run that needs no
     * recovery (a run of this script that failed before SeaTable was touched, or one that was rolled back).
     */
    static void runFolderGuard(StringBuilder sb, Path runDir) {
        String dir = Shell.quote(runDir.toString());
        sb.append(Shell.comment("run-folder: " + runDir + " is new, or left by a resolved earlier run (set aside before step 1)"));
        sb.append("if [ -e ").append(dir).append(" ] || [ -L ").append(dir).append(" ]; then\n");
        sb.append("  if [ -n \"$(").append(Ownership.shellTreeCheck(dir)).append(" 2>&1)\" ]; then\n");
        sb.append("    fail_guard run-folder ").append(Shell.message("expected " + runDir + " to be new or seatable-migrate's own; found a"
                + " symlink, another user's file or a folder others may write to in it")).append('\n');
        sb.append("  elif run_needs_recovery ").append(dir).append("; then\n");
        sb.append("    fail_guard run-folder ").append(Shell.message("expected " + runDir + " to be new or left by a resolved run; found a run"
                + " that changed SeaTable and is not resolved (see its journal): recover it first with seatable-migrate (migrate or"
                + " rollback)")).append('\n');
        sb.append("  fi\nfi\n");
    }

    /** Just before step 1: the folder a resolved earlier run left (the guard said so) goes aside, under a free name. */
    static void setAsideEarlierRun(StringBuilder sb, Path runDir) {
        String dir = Shell.quote(runDir.toString());
        sb.append("\n# A folder left by an earlier run of this script that is resolved (see the guard run-folder) is kept beside the new one\n");
        sb.append("if [ -e ").append(dir).append(" ] || [ -L ").append(dir).append(" ]; then\n");
        sb.append("  n=1; while [ -e ").append(dir).append("\".earlier-$n\" ] || [ -L ").append(dir).append("\".earlier-$n\" ]; do n=$((n + 1)); done\n");
        sb.append("  mv -- ").append(dir).append(' ').append(dir).append("\".earlier-$n\"\n");
        sb.append("  echo ").append(Shell.message("the folder of an earlier run of this script is kept as " + runDir)).append("\".earlier-$n\"\n");
        sb.append("fi\n");
    }

    private void rollback(StringBuilder sb) {
        Installation inst = plan.installation();
        Path journal = new RunFolder(plan.runDir()).journal();
        sb.append("# ---- Rollback: on any failure after SeaTable was stopped, return to the recorded state ----\n");
        sb.append("rollback() {\n");
        sb.append("  echo ").append(Shell.message("the " + plan.request().intent() + " failed: rolling back to the " + inst.state().edition().orElseThrow().displayName()
                + " " + inst.state().version().orElseThrow())).append(" >&2\n");
        sb.append("  if (\n    set -e\n");
        for (Step s : plan.rollback()) {
            sb.append("    ").append(Shell.comment(s.title()));
            sb.append("    ").append(new FileEdit.AppendJournalLine(journal, Journal.text(Journal.BEGIN, s.id(), s.title())).shell()).append('\n');
            sb.append("    echo ").append(Shell.message("==> " + s.title())).append('\n');
            for (Change c : s.changes()) {
                sb.append(indent(c.shell(), "    ")).append('\n');
            }
            s.verification().ifPresent(v -> sb.append("    ").append(v.shellCall()).append('\n'));
            sb.append("    ").append(new FileEdit.AppendJournalLine(journal, Journal.text(Journal.DONE, s.id(), "")).shell()).append('\n');
        }
        sb.append("  ); then\n");
        // As the live run: a rollback after Ctrl-C ends INTERRUPTED (130), after SIGTERM TERMINATED (143), else ROLLED_BACK (4).
        sb.append("    if [ \"$1\" -eq ").append(Outcome.INTERRUPTED.exitCode()).append(" ] || [ \"$1\" -eq ").append(Outcome.TERMINATED.exitCode())
                .append(" ]; then\n");
        sb.append("      ").append(FileEdit.AppendJournalLine.shell(journal, "\"" + Journal.END + " $(stop_outcome \"$1\")\"")).append('\n');
        String previous = RollbackSteps.loadsDump(plan.rollback()) ? "release" : "edition";
        sb.append("      echo \"$(stop_word \"$1\"); rolled back: the previous " + previous + " runs and is healthy\" >&2\n");
        sb.append("      exit \"$1\"\n    fi\n");
        sb.append("    ").append(new FileEdit.AppendJournalLine(journal, Journal.END + " " + Outcome.ROLLED_BACK.name()).shell()).append('\n');
        sb.append("    echo 'rolled back: the previous " + previous + " runs and is healthy' >&2\n");
        sb.append("    exit ").append(Outcome.ROLLED_BACK.exitCode()).append("\n  fi\n");
        sb.append("  ").append(new FileEdit.AppendJournalLine(journal, Journal.END + " " + Outcome.NEEDS_ATTENTION.name()).shell()).append('\n');
        sb.append("  echo ").append(Shell.message("ROLLBACK FAILED: SeaTable may be stopped or half-switched. The original .env and license are in "
                + new RunFolder(plan.runDir()).config() + "; copy them back to " + inst.composeDir()
                + " and run docker compose up -d there.")).append(" >&2\n");
        sb.append("  exit ").append(Outcome.NEEDS_ATTENTION.exitCode()).append("\n}\n");
        onExit(sb, journal, "rollback \"$rc\"", "nothing was changed: SeaTable still runs the " + inst.state().edition().orElseThrow().displayName()
                + " " + inst.state().version().orElseThrow());
    }

    /**
     * The exit handler: every way out maps to the tool's codes and ends the journal as the live runner does. After the
     * stack was touched, {@code touched} runs (the rollback); before, a failed step is {@code FAILED step} and {@code END
     * FAILED_UNCHANGED} (exit 3), Ctrl-C {@code END INTERRUPTED} (130), SIGTERM {@code END TERMINATED} (143), once the
     * journal exists.
     */
    static void onExit(StringBuilder sb, Path journal, String touched, String unchanged) {
        // The journal's word for a stop by exit status (130 Ctrl-C, 143 SIGTERM), and the message's.
        sb.append("stop_outcome() {\n  if [ \"$1\" -eq ").append(Outcome.TERMINATED.exitCode()).append(" ]; then echo ").append(Outcome.TERMINATED.name())
                .append("; else echo ").append(Outcome.INTERRUPTED.name()).append("; fi\n}\n");
        sb.append("stop_word() {\n  if [ \"$1\" -eq ").append(Outcome.TERMINATED.exitCode()).append(" ]; then echo terminated; else echo interrupted; fi\n}\n");
        sb.append("on_exit() {\n  local rc=$?\n  trap - EXIT\n");
        sb.append("  if [ \"$rc\" -eq 0 ]; then exit 0; fi\n");
        sb.append("  if [ \"$rc\" -ne 130 ] && [ \"$rc\" -ne 143 ] && [ \"$JOURNAL_READY\" = 1 ]; then\n");
        sb.append("    ").append(FileEdit.AppendJournalLine.shell(journal, "\"" + Journal.FAILED + " $STEP exit status $rc\"")).append(" || :\n");
        sb.append("  fi\n");
        sb.append("  if [ \"$STACK_TOUCHED\" = 1 ]; then ").append(touched).append("; fi\n");
        sb.append("  if [ \"$rc\" -eq 130 ] || [ \"$rc\" -eq 143 ]; then\n");
        sb.append("    if [ \"$JOURNAL_READY\" = 1 ]; then ")
                .append(FileEdit.AppendJournalLine.shell(journal, "\"" + Journal.END + " $(stop_outcome \"$rc\")\"")).append(" || :; fi\n");
        sb.append("    echo \"$(stop_word \"$rc\") before the first change: \"").append(Shell.quote(unchanged)).append(" >&2\n");
        sb.append("    exit \"$rc\"\n  fi\n");
        sb.append("  if [ \"$JOURNAL_READY\" = 1 ]; then ")
                .append(new FileEdit.AppendJournalLine(journal, Journal.END + " " + Outcome.FAILED_UNCHANGED.name()).shell()).append(" || :; fi\n");
        sb.append("  echo \"step '$STEP' failed (exit status $rc); \"").append(Shell.quote(unchanged)).append(" >&2\n");
        sb.append("  exit ").append(Outcome.FAILED_UNCHANGED.exitCode()).append("\n}\n");
        sb.append("trap on_exit EXIT\ntrap 'exit 130' INT\ntrap 'exit 143' TERM\n\n");
    }

    private void steps(StringBuilder sb) {
        sb.append("# ---- The switch, exactly as a live run performs it ----\n");
        appendEntries(sb, entries, true, Optional.of(plan.runDir()));
        Target t = plan.target().orElseThrow();
        sb.append("\necho ").append(Shell.message("Done: SeaTable runs the " + t.edition().displayName() + " " + t.version()
                + ". Backup and journal: " + plan.runDir())).append('\n');
    }

    /**
     * The recorded steps as shell: a comment and an echo per step, each change's canonical form, each verification's
     * prelude call; {@code STEP} names the step that runs (for the exit handler), {@code JOURNAL_READY=1} follows the
     * journal's {@code RUN} line (from then on every end is journaled); with {@code markStackTouched},
     * {@code STACK_TOUCHED=1} before the first step that touches the stack; with {@code runDir}, an earlier run's folder
     * is set aside before the step that creates it.
     */
    static void appendEntries(StringBuilder sb, List<Recorder.Entry> entries, boolean markStackTouched, Optional<Path> runDir) {
        int n = 0;
        boolean touched = !markStackTouched;
        for (Recorder.Entry e : entries) {
            if (e instanceof Recorder.StepStarted s) {
                n++;
                if (s.step().kind() == StepId.PREPARE) {
                    runDir.ifPresent(d -> setAsideEarlierRun(sb, d));
                }
                sb.append('\n').append(Shell.comment("Step " + n + ": " + s.step().title()));
                sb.append("echo ").append(Shell.message("==> " + s.step().title())).append('\n');
                sb.append("STEP=").append(Shell.quote(s.step().id())).append('\n');
                if (s.step().changesStack() && !touched) {
                    sb.append("STACK_TOUCHED=1\n");
                    touched = true;
                }
            } else if (e instanceof Recorder.Applied a) {
                sb.append(a.change().shell()).append('\n');
                if (a.change() instanceof FileEdit.AppendJournalLine j && j.text().startsWith(Journal.RUN + " ")) {
                    sb.append("JOURNAL_READY=1\n");
                }
            } else if (e instanceof Recorder.Verified v) {
                sb.append(v.verification().shellCall()).append('\n');
            }
        }
    }

    /**
     * Indents a change's first line only: its later lines may continue a quoted value or a here-document, whose
     * bytes must stay as they are.
     */
    private static String indent(String text, String prefix) {
        return prefix + text;
    }

    /** The first lines of every script the tool writes. */
    static final String SHEBANG = "#!/usr/bin/env bash\n# The containers' own shells expand the single-quoted $VARIABLES below, not this script.\n"
            + "# shellcheck disable=SC2016\n";

    /** What the exit handler reads: whether the stack was touched, the step that runs, whether the journal exists. */
    static final String STATE = "STACK_TOUCHED=0\nSTEP=none\nJOURNAL_READY=0\n\n";

    /**
     * The shell functions behind guards and verifications; each mirrors its Java twin in {@link Verifier}, the checks
     * ({@link PreflightChecks#SHELL_FUNCTIONS}) and the journal. {@code fail_guard NAME WHY} prints the last line of WHY
     * (what a guard expected and found), every byte outside printable ASCII made '?', since it holds what the host answered.
     */
    static final String PRELUDE = String.join("\n",
            "fail_guard() {",
            "  local why=${2##*$'\\n'}",
            // What the host answered may hold control or bidi-format characters: every byte outside printable ASCII is
            // shown as '?' (bash's [[:cntrl:]] misses U+202E and its kin, and depends on the locale; in the C locale a
            // pattern matches bytes). Bash alone: the guards run before anything else is known to be on the PATH.
            "  local LC_ALL=C",
            "  why=${why//[^ -~]/?}",
            "  echo \"seatable-migrate audit script: pre-flight guard '$1' failed: ${why:-it does not hold on this host}\" >&2",
            "  echo 'The host no longer looks as it did when this script was recorded. Nothing was changed.' >&2",
            "  exit " + Outcome.REFUSED.exitCode(),
            "}",
            "",
            ContainerQueries.SHELL_FUNCTIONS,
            Verifier.SHELL_FUNCTIONS,
            PreflightChecks.SHELL_FUNCTIONS,
            Journal.SHELL_FUNCTION,
            "");

}

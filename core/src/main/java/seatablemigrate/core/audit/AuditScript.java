package seatablemigrate.core.audit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import seatablemigrate.core.inspect.ContainerQueries;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.License;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.Target;
import seatablemigrate.core.plan.Verification;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.RunPointer;
import seatablemigrate.core.run.Verifier;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.Shell;

/**
 * Renders a dry-run as a bash script a reviewer can read and run: a header with what was observed, every
 * pre-flight check as a guard, then exactly the changes and verifications the live runner produced (as recorded),
 * with the plan's rollback on failure. Secrets are never written: the script reads them on the host as the tool
 * does. Exit codes mirror the tool's: 3 a guard refused, 4 rolled back, 5 needs attention, 130 interrupted.
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

    public String render() {
        StringBuilder sb = new StringBuilder();
        header(sb);
        sb.append("set -euo pipefail\n\n");
        Installation inst = plan.installation();
        sb.append("COMPOSE_DIR=").append(Shell.quote(inst.composeDir().toString())).append('\n');
        sb.append("SERVICE=").append(Shell.quote(inst.seatableService().orElse("seatable-server"))).append('\n');
        sb.append("STACK_TOUCHED=0\n\n");
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
        lines.add("4 failed and rolled back, 5 rollback failed (see the journal), 130 interrupted.");
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

    private void guards(StringBuilder sb) {
        sb.append("# ---- Pre-flight guards: stop before any change when the host no longer looks as recorded ----\n");
        for (CheckResult c : plan.checks()) {
            if (c.shellGuard().isEmpty()) {
                continue;
            }
            sb.append(Shell.comment(c.name() + ": " + c.message()));
            sb.append("if ! { ").append(c.shellGuard().get()).append("; } >/dev/null 2>&1; then\n");
            sb.append("  fail_guard ").append(Shell.message(c.name())).append(' ').append(Shell.message(c.message())).append('\n');
            sb.append("fi\n");
        }
        sb.append("echo 'seatable-migrate audit script: every guard passed'\n\n");
    }

    private void rollback(StringBuilder sb) {
        Installation inst = plan.installation();
        Path journal = plan.runDir().resolve(Planner.JOURNAL);
        sb.append("# ---- Rollback: on any failure after SeaTable was stopped, return to the recorded state ----\n");
        sb.append("rollback() {\n");
        sb.append("  echo ").append(Shell.message("the switch failed: rolling back to the " + inst.state().edition().orElseThrow().displayName()
                + " " + inst.state().version().orElseThrow())).append(" >&2\n");
        sb.append("  if (\n    set -e\n");
        for (Step s : plan.rollback()) {
            sb.append("    ").append(Shell.comment(s.title()));
            sb.append("    echo ").append(Shell.message("==> " + s.title())).append('\n');
            for (Change c : s.changes()) {
                sb.append(indent(c.shell(), "    ")).append('\n');
            }
            s.verification().ifPresent(v -> sb.append("    ").append(call(v)).append('\n'));
        }
        sb.append("  ); then\n");
        sb.append("    ").append(new FileEdit.AppendJournalLine(journal, Journal.END + " " + Outcome.ROLLED_BACK.name()).shell()).append('\n');
        sb.append("    echo 'rolled back: the previous edition runs and is healthy' >&2\n");
        sb.append("    exit 4\n  fi\n");
        sb.append("  ").append(new FileEdit.AppendJournalLine(journal, Journal.END + " " + Outcome.NEEDS_ATTENTION.name()).shell()).append('\n');
        sb.append("  echo ").append(Shell.message("ROLLBACK FAILED: SeaTable may be stopped or half-switched. The original .env and license are in "
                + plan.runDir().resolve(Planner.CONFIG_DIR) + "; copy them back to " + inst.composeDir()
                + " and run docker compose up -d there.")).append(" >&2\n");
        sb.append("  exit 5\n}\n");
        sb.append("on_exit() {\n  local rc=$?\n  trap - EXIT\n");
        sb.append("  if [ \"$rc\" -ne 0 ] && [ \"$STACK_TOUCHED\" = 1 ]; then rollback; fi\n  exit \"$rc\"\n}\n");
        sb.append("trap on_exit EXIT\ntrap 'exit 130' INT TERM\n\n");
    }

    private void steps(StringBuilder sb) {
        sb.append("# ---- The switch, exactly as a live run performs it ----\n");
        appendEntries(sb, entries, true);
        Target t = plan.target().orElseThrow();
        sb.append("\necho ").append(Shell.message("Done: SeaTable runs the " + t.edition().displayName() + " " + t.version()
                + ". Backup and journal: " + plan.runDir())).append('\n');
    }

    /**
     * The recorded steps as shell: a comment and an echo per step, each change's canonical form, each verification's
     * prelude call; with {@code markStackTouched}, {@code STACK_TOUCHED=1} before the first step that touches the stack.
     */
    static void appendEntries(StringBuilder sb, List<Recorder.Entry> entries, boolean markStackTouched) {
        int n = 0;
        boolean touched = !markStackTouched;
        for (Recorder.Entry e : entries) {
            if (e instanceof Recorder.StepStarted s) {
                n++;
                sb.append('\n').append(Shell.comment("Step " + n + ": " + s.step().title()));
                sb.append("echo ").append(Shell.message("==> " + s.step().title())).append('\n');
                if (s.step().changesStack() && !touched) {
                    sb.append("STACK_TOUCHED=1\n");
                    touched = true;
                }
            } else if (e instanceof Recorder.Applied a) {
                sb.append(a.change().shell()).append('\n');
            } else if (e instanceof Recorder.Verified v) {
                sb.append(call(v.verification())).append('\n');
            }
        }
    }

    /** The shell form of a verification: a call of a prelude function that does what {@link Verifier} does. */
    public static String call(Verification v) {
        if (v instanceof Verification.DumpComplete d) {
            return "dump_complete " + Shell.quote(d.file().toString());
        }
        Verification.Healthy h = (Verification.Healthy) v;
        return "wait_healthy " + h.edition().id() + " " + h.version() + " " + h.timeout().toSeconds();
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

    /** The shell functions behind guards and verifications; each mirrors its Java twin in {@link Verifier} and the checks. */
    static final String PRELUDE = String.join("\n",
            "fail_guard() {",
            "  echo \"seatable-migrate audit script: pre-flight guard '$1' failed: $2\" >&2",
            "  echo 'The host no longer looks as it did when this script was recorded. Nothing was changed.' >&2",
            "  exit 3",
            "}",
            "",
            ContainerQueries.SHELL_FUNCTIONS,
            Verifier.SHELL_FUNCTIONS,
            "", "");

}

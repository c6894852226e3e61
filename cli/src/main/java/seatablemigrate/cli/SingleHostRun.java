package seatablemigrate.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import seatablemigrate.core.audit.AuditScript;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.PlanFile;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.workflow.Workflow;

/**
 * One host's run of a request, live or as a dry-run that writes the audit script (and a report): what {@code migrate}
 * and {@code upgrade} share. Opens the host, forwards Ctrl-C and SIGTERM to the run, asks before the first change (and
 * before recovering an earlier run) unless told not to, and renders the result.
 *
 * @param global  the top command's options
 * @param out     where output goes
 * @param yes     proceed without asking
 * @param dryRun  record instead of changing
 * @param script  where a dry-run writes its audit script (default: beside the working directory, named by the run)
 * @param report  where a dry-run writes its report, if asked
 * @param planFile the reviewed plan file carried out, for the words that name it
 */
record SingleHostRun(SeatableMigrateCommand global, PrintWriter out, boolean yes, boolean dryRun, Optional<Path> script,
                     ReportOption report, Optional<Path> planFile) {

    /** Runs {@code request} and returns the exit code. */
    int run(MigrationRequest request) {
        Console console = System.console();
        Output output = Output.of(global, out, console != null, dryRun);
        // Offline (also a plan made offline, carried out as its dry-run) nothing connects: the copy is on this machine.
        HostSession session = HostSession.open(request.offline() ? "local" : global.host, global.connection(), dryRun);
        // Ctrl-C or SIGTERM: ask the runner to stop at a consistent point (rolling back if needed) and wait for it.
        StopSignals stop = StopSignals.forwardTo(session.interruption(), request.healthTimeout().plusSeconds(300), "seatable-migrate-interrupt");
        try (session) {
            HostBackend host = session.host();
            output.text("seatable-migrate: " + (dryRun ? "dry-run of " : "") + action(request) + " " + request.offlineSource()
                    .orElse(request.composeDir() + " on " + host.describe()) + (request.upgrade() ? request.version()
                    .filter(v -> !v.equals("latest")).map(v -> " to " + v).orElse(" to the newest release the upgrade path allows")
                    : " to the " + request.target().displayName()));
            // The digest of the file being carried out, to compare with the one that was approved (also in the run's log).
            request.reviewed().ifPresent(p -> output.reporter().info("Carrying out the reviewed plan " + planFile.orElseThrow() + ", sha256 "
                    + p.digest() + ", made for " + request.offlineSource().orElse(p.host().toString())));
            output.text("Pre-flight checks:");
            Workflow workflow = session.workflow();
            AtomicReference<MigrationPlan> executed = new AtomicReference<>();
            Runner.Result result = workflow.migrate(request, plan -> {
                output.steps(plan);
                executed.set(plan);
                return confirm(console, "%n%sProceed? [y/N] ", plan.patchDowngrade().map(d -> d + System.lineSeparator()).orElse(""));
            }, (unresolved, steps) -> {
                // Recovery stops and starts SeaTable: it is a change like the run, so it is shown and confirmed first.
                output.text("Recovery of " + unresolved.runDir() + ":");
                int n = 1;
                for (Step s : steps) {
                    output.text("  " + n++ + ". " + s.title());
                }
                return yes || confirm(console, "%nRecover now, before the " + (request.upgrade() ? "upgrade" : "switch") + "? [y/N] ", "");
            }, output.reporter());
            if (dryRun && result.outcome() == Outcome.DONE) {
                Path file = writeScript(executed.get(), session.mode().recorder().orElseThrow(), host.describe());
                output.script(file);
                report.write(executed.get(), PlanFile.fingerprints(executed.get(), host),
                        AuditScript.hostWords(executed.get(), host.describe(), file, global.sudo) + " (dry-run; audit script " + file.getFileName() + ")",
                        request.reviewed().map(p -> p.digest().hex()), global)
                        .ifPresent(f -> output.text("Report written to " + f));
                return output.result(Outcome.DONE, "dry-run recorded; nothing was changed");
            }
            return output.result(result.outcome(), result.message());
        } finally {
            stop.close();
        }
    }

    private static String action(MigrationRequest request) {
        return request.upgrade() ? "upgrading" : "switching";
    }

    private boolean confirm(Console console, String format, String arg) {
        if (yes || dryRun) {
            return true;
        }
        out.flush();
        return Prompt.accepted(console.readLine(format, arg));
    }

    private Path writeScript(MigrationPlan plan, Recorder recorder, String hostName) {
        Path file = script.orElse(Path.of("seatable-migrate-" + plan.runDir().getFileName() + ".sh")).toAbsolutePath().normalize();
        String text = AuditScript.ofDryRun(plan, recorder, Versions.TOOL, Instant.now(), AuditScript.hostWords(plan, hostName, file, global.sudo))
                .render();
        Output.save(file, "audit script", text.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}

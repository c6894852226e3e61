package seatablemigrate.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.audit.RollbackScript;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.backup.ReturnToBackup;
import seatablemigrate.core.plan.RollbackRequest;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.Shell;
import seatablemigrate.core.workflow.Workflow;

@Command(name = "rollback", description = "Returns the installation to the edition and version recorded in a backup: restores .env and "
        + "the license, restarts, verifies. With --restore-database also loads the backup's database dump.",
        footer = {"", "Examples:", "  seatable-migrate rollback                       # newest backup of this compose directory",
                "  seatable-migrate rollback --backup 20261125-101500-to-developer --yes",
                "  seatable-migrate rollback --restore-database   # asks you to type RESTORE"})
final class RollbackCommand implements Callable<Integer> {
    @ParentCommand
    SeatableMigrateCommand global;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(names = "--backup", paramLabel = "ID", description = "The backup to return to (see 'backups'; default: the newest of this compose directory).")
    String backupId;

    @Mixin
    BackupRootOption backupRoot;

    @Option(names = "--restore-database", description = "Also replace the databases with the backup's dump (changes since the backup are lost).")
    boolean restoreDatabase;

    @Mixin
    HealthTimeoutOption healthTimeout;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed when not on a terminal).")
    boolean yes;

    @Option(names = "--dry-run", description = "Change nothing: go through the real rollback, record every change and write a script"
            + " that does it, for review.")
    boolean dryRun;

    @Option(names = "--script", paramLabel = "FILE", description = "Where --dry-run writes the script (default: ./seatable-migrate-rollback-<backup>.sh).")
    Path script;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Console console = System.console();
        if (script != null && !dryRun) {
            throw new UsageException("--script is for --dry-run");
        }
        if (!yes && !dryRun && console == null) {
            throw new UsageException("rollback asks for confirmation, but there is no terminal: add --yes to proceed without asking");
        }
        Output output = Output.of(global, out, console != null, false);
        RollbackRequest request = new RollbackRequest(global.composeDir.toAbsolutePath().normalize(), global.compose,
                backupRoot.path(), Optional.ofNullable(backupId), restoreDatabase, healthTimeout.duration());
        try (HostSession session = HostSession.open(global.host, global.connection(), dryRun)) {
            HostBackend host = session.host();
            Workflow workflow = session.workflow();
            AtomicReference<ReturnToBackup.Plan> planned = new AtomicReference<>();
            Runner.Result result = workflow.rollbackTo(request, plan -> {
                planned.set(plan);
                BackupCatalog.Backup backup = plan.backup();
                List<Step> steps = plan.steps();
                output.text("Return " + request.composeDir() + " to the " + backup.fromEdition().displayName() + " " + backup.fromVersion()
                        + " from backup " + backup.id() + " (" + backup.created() + "):");
                int n = 1;
                for (Step s : steps) {
                    output.text("  " + n++ + ". " + s.title());
                }
                if (yes || dryRun) {
                    return true;
                }
                if (restoreDatabase) {
                    // A prompt goes to the console itself, past TerminalWriter: the manifest's text is an argument, escaped.
                    String answer = console.readLine("%nThis REPLACES the databases with the dump of %s; changes since then are lost."
                            + " Type RESTORE to proceed: ", Shell.printable(backup.created()));
                    return "RESTORE".equals(answer == null ? null : answer.trim());
                }
                String answer = console.readLine("%nProceed? [y/N] ");
                return Prompt.accepted(answer);
            }, output.reporter());
            if (dryRun && result.outcome() == Outcome.DONE) {
                ReturnToBackup.Plan plan = planned.get();
                Path file = (script != null ? script : Path.of("seatable-migrate-rollback-" + plan.backup().id() + ".sh"))
                        .toAbsolutePath().normalize();
                String text = new RollbackScript(plan.backup(), request.composeDir(), plan.service(),
                        session.mode().recorder().orElseThrow().entries(), Versions.TOOL, Instant.now(),
                        host.describe()).render();
                Output.save(file, "script", text.getBytes(StandardCharsets.UTF_8));
                output.script(file);
                return output.result(Outcome.DONE, "rollback dry-run recorded; nothing was changed");
            }
            return output.result(result.outcome(), result.message());
        }
    }
}

package seatablemigrate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import seatablemigrate.core.workflow.ComposePreference;
import seatablemigrate.core.workflow.MigrationRequest;

/** The top command; its options are inherited, so they work before and after the subcommand's name. */
@Command(name = "seatable-migrate", mixinStandardHelpOptions = true, version = "seatable-migrate " + Versions.TOOL,
        description = "Switches a SeaTable Server between Enterprise and Developer Edition, safely.",
        subcommands = {StatusCommand.class, PlanCommand.class, MigrateCommand.class, BackupsCommand.class, RollbackCommand.class,
                picocli.CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class, CdsTrainingCommand.class},
        footer = {"", "Exit codes: 0 done or nothing to do, 2 bad usage or input, 3 refused by pre-flight (nothing changed),",
                "4 failed and rolled back (previous edition verified), 5 needs attention, 130 interrupted."})
public final class SeatableMigrateCommand implements Runnable {

    @Option(names = "--compose-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "SeaTable's Compose directory (default: ${DEFAULT-VALUE}).")
    Path composeDir = MigrationRequest.DEFAULT_COMPOSE_DIR;

    @Option(names = "--host", scope = ScopeType.INHERIT, paramLabel = "TARGET",
            description = "Where SeaTable runs: 'local' (default).")
    String host = "local";

    @Option(names = "--compose", scope = ScopeType.INHERIT, paramLabel = "auto|plugin|standalone",
            description = "Which Compose to use: 'docker compose' (plugin), 'docker-compose' (standalone) or detect (default).")
    ComposePreference compose = ComposePreference.AUTO;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON object per event on stdout (schema: docs/json-events.schema.json); exit codes unchanged.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show each change's shell command as it runs.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print errors only.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

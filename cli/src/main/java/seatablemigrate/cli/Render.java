package seatablemigrate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.LicenseCapacity;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.RollbackSteps;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.spi.Change;

/** Text renderings of an installation, a plan and backups. Never prints a value from .env except the image. */
final class Render {
    private Render() {}

    static void installation(Installation i, PrintWriter out, boolean problems, Optional<String> offline) {
        out.println(offline.map(o -> "SeaTable installation as read from the " + o).orElse("SeaTable installation in " + i.composeDir()));
        var s = i.state();
        out.println("  edition:  " + s.edition().map(e -> e.displayName()).orElse("unknown"));
        out.println("  version:  " + s.version().map(Object::toString).orElse("unknown"));
        out.println("  image:    " + i.configuredImage().map(Object::toString).orElse("unknown")
                + (i.imageFollowsEnv().filter(f -> !f).isPresent() ? " (set by a compose override, not .env)" : ""));
        out.println("  compose:  " + i.composeCli().map(c -> c.spelling()).orElse("not found")
                + (i.composeFiles().isEmpty() ? "" : ", files " + i.composeFiles().stream().map(p -> p.getFileName().toString()).toList()));
        out.println("  license:  " + i.license().summary());
        i.database().ifPresent(d -> out.println("  database: container " + d.container().name() + ", "
                + (d.problem().isPresent() ? d.problem().get() : d.databases().size() + " databases " + d.databases())));
        // What SeaTable counts against a license, compared with the license in place when there is one: the check's rule.
        i.database().ifPresent(d -> out.println("  users:    " + i.license().license().filter(l -> !l.empty())
                .map(l -> LicenseCapacity.of(d.users(), l).sentence()).orElse(d.users().describe())));
        if (!i.containers().isEmpty()) {
            out.println("  containers:");
            for (ContainerState c : i.containers()) {
                out.printf("    %-20s %-10s %s%n", c.name(), c.condition(), c.image());
            }
        }
        if (!s.evidence().isEmpty()) {
            out.println("  evidence:");
            s.evidence().forEach(e -> out.println("    " + e));
        }
        s.conflicts().forEach(c -> out.println("  CONFLICT: " + c));
        if (problems) {
            i.problems().forEach(p -> out.println("  PROBLEM: " + p));
        }
    }

    /** The releases of the running MAJOR.MINOR per edition, as {@code Workflow.releases} describes them. */
    static void releases(List<String> lines, PrintWriter out) {
        if (!lines.isEmpty()) {
            out.println("  releases:");
            lines.forEach(l -> out.println("    " + l));
        }
    }

    static void steps(MigrationPlan plan, PrintWriter out) {
        if (plan.steps().isEmpty()) {
            return;
        }
        var t = plan.target().orElseThrow();
        out.println();
        out.println("Plan: " + plan.installation().state().edition().orElseThrow().displayName() + " "
                + plan.installation().state().version().orElseThrow() + " -> " + t.edition().displayName() + " " + t.version()
                + " (" + t.image() + ")");
        out.println("  Version: " + t.choice().reason());
        int n = 1;
        for (Step s : plan.steps()) {
            out.printf("  %d. %s%n", n++, s.title());
            for (Change c : s.changes()) {
                out.println("       " + c.describe());
            }
        }
        boolean data = RollbackSteps.loadsDump(plan.rollback());
        boolean files = plan.steps().stream().anyMatch(s -> s.kind() == StepId.RELEASE_FILES);
        out.println(data ? "  On failure: stop SeaTable, load the databases from the dump, restore .env, the license" + (files
                ? ", the compose files this run replaced" : "") + " and SeaTable's configuration folder from " + plan.runDir()
                + ", start the previous release" + (files ? " (the whole project, on its restored files)" : "") + " and verify it."
                : "  On failure: stop, restore .env and the license from " + plan.runDir().resolve("config") + ", start the previous edition and verify it.");
    }

    /** The backups as a table: ID, when, the switch, size, how the run ended, checksums. */
    static void backups(List<BackupCatalog.Backup> backups, PrintWriter out) {
        out.printf("%-28s %-20s %-33s %-9s %-8s %s%n", "ID", "CREATED", "SWITCH", "SIZE", "RUN", "CHECKSUMS");
        for (BackupCatalog.Backup b : backups) {
            out.printf("%-28s %-20s %-33s %-9s %-8s %s%n", b.id(), b.created().length() > 19 ? b.created().substring(0, 19) : b.created(),
                    b.fromEdition().id() + " " + b.fromVersion() + " -> " + b.toEdition().id() + " " + b.toVersion(),
                    Bytes.human(b.sizeBytes()), b.outcome().toLowerCase(Locale.ROOT).replace('_', '-'),
                    b.verification() + (b.databaseDump() ? "" : " (no database dump)"));
        }
    }
}

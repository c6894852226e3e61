package seatablemigrate.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.audit.PlanReport;
import seatablemigrate.core.plan.MigrationPlan;

/** {@code --report FILE.md|FILE.html}: the plan for a change board, from {@code plan} and from {@code migrate --dry-run}. */
final class ReportOption {
    @Option(names = "--report", paramLabel = "FILE.md|FILE.html", description = "Also write the plan as a document a change board signs:"
            + " the verdict, the expected downtime, the way back, every check and step, a sign-off block, the shell forms in an appendix;"
            + " self-contained, printable.")
    Path file;

    boolean given() {
        return file != null;
    }

    /** The format by the file name; anything but .md, .html or .htm is a usage error, before anything runs. */
    boolean html() {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return true;
        }
        if (name.endsWith(".md")) {
            return false;
        }
        throw new UsageException("--report writes Markdown (.md) or HTML (.html): " + file);
    }

    /** A report file name we cannot write (neither .md nor .html) is a usage error before anything runs. */
    void checkName() {
        if (file != null) {
            html();
        }
    }

    /**
     * Writes the report, if one was asked for; returns where.
     *
     * @param planSha256 the digest of the plan file saved or carried out with it, if any
     */
    Optional<Path> write(MigrationPlan plan, Map<String, String> fingerprints, String host, Optional<String> planSha256, SeatableMigrateCommand global) {
        if (file == null) {
            return Optional.empty();
        }
        PlanReport report = new PlanReport(plan, fingerprints, new PlanReport.Context(host, Versions.TOOL, Instant.now(), planSha256,
                global.connectionWords()));
        Output.save(file, "report", (html() ? report.html() : report.markdown()).getBytes(StandardCharsets.UTF_8));
        return Optional.of(file);
    }
}

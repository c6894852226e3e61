package seatablemigrate.core.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.audit.ReportDocument.Part;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.PlanJson;
import seatablemigrate.core.plan.PreflightChecks;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.WaitTime;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.Shell;

/**
 * The plan as a document a change board signs ({@code plan --report FILE.md|.html}, {@code migrate --dry-run --report}):
 * the verdict first ({@link ReportBanner}), when, by which version and for which host it was made and the saved plan's
 * digest, what changes, the expected downtime and what users see, the way back, every check, the steps in words, a
 * sign-off block, and the shell forms and fingerprints in appendices. Markdown and HTML say the same
 * ({@link ReportDocument}); holds nothing from {@code .env} but the image, like {@link PlanJson}.
 */
public final class PlanReport {
    /**
     * The downtime the tool measured (docs/benchmarks.md, "Downtime of a switch", 2026-12-02: median of three runs on the
     * 2-core reference machine with the imitation SeaTable image, a real MariaDB 10.11 and Compose v2.40.3), in seconds.
     */
    static final String MEASURED_MANUAL = "4.3";
    static final String MEASURED_TOOL = "1.8";
    static final String MEASURED_FULL_RESTART = "4.6";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * Who made the report, when and for what, and how the tool reaches the host.
     *
     * @param host        the host as the report names it (also the copy an offline plan was made from)
     * @param toolVersion the tool's version
     * @param made        when the report was made
     * @param planSha256  the saved plan file's digest, when the plan was saved ({@code plan --out}) or carried out from one
     * @param connection  the options that reach the host ({@code --host H --sudo ...}), for the rollback command
     */
    public record Context(String host, String toolVersion, Instant made, Optional<String> planSha256, List<String> connection) {
        public Context {
            requireNonNull(host, "host is null");
            requireNonNull(toolVersion, "toolVersion is null");
            requireNonNull(made, "made is null");
            requireNonNull(planSha256, "planSha256 is null");
            connection = List.copyOf(connection);
        }
    }

    private final MigrationPlan plan;
    private final Map<String, String> fingerprints;
    private final Context context;

    public PlanReport(MigrationPlan plan, Map<String, String> fingerprints, Context context) {
        this.plan = requireNonNull(plan, "plan is null");
        this.fingerprints = Map.copyOf(fingerprints);
        this.context = requireNonNull(context, "context is null");
    }

    public String markdown() {
        return document().markdown();
    }

    public String html() {
        return document().html();
    }

    private ReportDocument document() {
        Installation i = plan.installation();
        ReportBanner banner = ReportBanner.of(plan);
        List<Part> parts = new ArrayList<>();
        parts.add(new ReportDocument.Banner(banner));
        parts.add(new ReportDocument.Heading("About this document", false));
        List<List<String>> about = new ArrayList<>();
        about.add(List.of("Made", WHEN.format(context.made()) + " by seatable-migrate " + context.toolVersion()));
        about.add(List.of("Host", plan.request().offlineCopy().map(c -> c.plannedFor(i.composeDir())).orElse(context.host())));
        // Offline every fact below is the copy's word, not an observation of the host.
        plan.request().offlineCopy().ifPresent(c -> about.add(List.of("Read from (offline)", "copy " + c.dir() + "; nothing of the"
                + " host was observed: the audit script checks it before its first change")));
        about.add(List.of("Compose directory", i.composeDir().toString()));
        about.add(List.of("Saved plan (sha256)", context.planSha256().orElse("none: this plan was not saved (plan --out FILE saves one for"
                + " 'migrate --plan FILE')")));
        about.add(List.of("Run and backup folder", plan.runDir().toString()));
        parts.add(new ReportDocument.Facts(about));
        parts.add(new ReportDocument.Heading("The change", false));
        parts.add(new ReportDocument.Facts(change(i)));
        boolean changes = !plan.refused() && !plan.nothingToDo();
        parts.add(new ReportDocument.Heading("Expected downtime (an estimate) and what users see", false));
        downtime(changes).forEach(t -> parts.add(new ReportDocument.Text(t)));
        parts.add(new ReportDocument.Heading("The way back", false));
        wayBack(parts, changes);
        parts.add(new ReportDocument.Heading("Pre-flight checks", false));
        parts.add(new ReportDocument.Table(List.of("Result", "Check", "What was found"),
                plan.checks().stream().map(c -> List.of(c.status().word(), c.name(), c.message())).toList(), Optional.of(0)));
        if (plan.request().target() == Edition.DEVELOPER) {
            parts.add(new ReportDocument.Heading("What the Developer Edition does not have", false));
            parts.add(new ReportDocument.Text(String.join("; ", PreflightChecks.ENTERPRISE_ONLY_FEATURES) + "."));
        }
        if (!plan.steps().isEmpty()) {
            parts.add(new ReportDocument.Heading("Steps (their shell forms: appendix A)", false));
            parts.add(new ReportDocument.Table(List.of("#", "Step", "Changes"), words(plan.steps()), Optional.empty()));
        }
        parts.add(new ReportDocument.Heading("Sign-off", false));
        parts.add(new ReportDocument.SignOff(List.of("Reviewer", "Approver")));
        boolean first = true;
        if (!plan.steps().isEmpty()) {
            parts.add(new ReportDocument.Heading("Appendix A: the steps, exactly as a run performs them", first));
            parts.add(new ReportDocument.Code(shell(plan.steps())));
            parts.add(new ReportDocument.Heading("Appendix B: the rollback, if a step after the first change fails", false));
            parts.add(new ReportDocument.Code(shell(plan.rollback())));
            first = false;
        }
        String letter = first ? "A" : "C";
        parts.add(new ReportDocument.Heading(plan.request().offlineCopy().map(c -> "Appendix " + letter + ": fingerprints, read from the copy " + c.dir()
                + " (the audit script refuses a host whose files differ; a run of the saved plan, a copy that differs)")
                .orElse("Appendix " + letter + ": fingerprints (a run of the saved plan refuses when one differs)"), first));
        parts.add(new ReportDocument.Table(List.of("File or image", "Fingerprint"), fingerprints.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> List.of(e.getKey(), e.getValue())).toList(), Optional.empty()));
        return new ReportDocument(title(), parts);
    }

    private String title() {
        // The host's description can be long (an offline copy, a dry-run's script): the facts below name it.
        return "Change request: switch SeaTable in " + plan.installation().composeDir() + " to the " + plan.request().target().displayName()
                + plan.target().map(t -> " " + t.version()).orElse("");
    }

    private List<List<String>> change(Installation i) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Now", i.state().edition().map(Edition::displayName).orElse("?") + " " + i.state().version().map(Object::toString).orElse("?")
                + " (" + i.configuredImage().map(Object::toString).orElse("?") + ")"));
        rows.add(List.of("After", plan.target().map(t -> t.edition().displayName() + " " + t.version() + " (" + t.image() + ")")
                .orElse("the " + plan.request().target().displayName() + " (no target version: see the checks)")));
        rows.add(List.of("License", plan.request().licenseFile().map(f -> "given: " + f + "; ").orElse("") + "in place: " + i.license().summary()));
        Optional<DatabaseInfo> db = i.database();
        rows.add(List.of("Backup first", (plan.request().backup() ? "a dump of " + db.map(d -> String.join(", ", d.databases())
                + (d.sizeBytes() >= 0 ? " (about " + Bytes.human(d.sizeBytes()) + ")" : "")).orElse("the databases") + ", " : "no database dump"
                + " (--no-backup), ") + ".env and the license file, into " + plan.runDir()));
        return rows;
    }

    /** The estimate, from the tool's own measurement, then what users see; nothing when nothing would change. */
    private List<String> downtime(boolean changes) {
        if (!changes) {
            return List.of("None: nothing would change.");
        }
        WaitTime timeout = new WaitTime(plan.request().healthTimeout());
        String waits = "The real SeaTable image starts more slowly than the imitation the tool is measured with, on large sites for minutes:"
                + " expect its own start-up time on top. The tool waits up to " + timeout + " (--health-timeout) for it to be healthy,"
                + " then rolls back. The backup is taken before, while SeaTable runs, and adds no downtime.";
        String measured = "On the reference machine (docs/benchmarks.md: 2 cores, an imitation SeaTable image, median of three runs,"
                + " 2026-12-02) SeaTable was unavailable for " + MEASURED_TOOL + " s with seatable-migrate's default switch, " + MEASURED_MANUAL
                + " s with the manual docker compose down and up, and " + MEASURED_FULL_RESTART + " s with --full-restart.";
        String after = plan.request().target() == Edition.DEVELOPER
                ? "Afterwards the Developer Edition runs: the features listed below are gone, and at most 200 dtable-server connections are served at once."
                : "Afterwards the Enterprise Edition runs with the license's features and its user limit (see license-users).";
        if (plan.request().fullRestart()) {
            return List.of("Estimate: a few seconds plus SeaTable's start-up. --full-restart stops and starts every container of the project"
                    + " (docker compose down, up -d), as the manual procedure does. " + measured + " " + waits,
                    "What users see: from the stop until SeaTable is healthy every service of the project is down, the proxy included:"
                    + " browsers and apps cannot connect at all, and open bases lose their connection. " + after);
        }
        return List.of("Estimate: a few seconds plus SeaTable's start-up. Only SeaTable's container is recreated (up -d --no-deps); MariaDB,"
                + " Redis and the proxy keep running. " + measured + " " + waits,
                "What users see: while SeaTable's container is recreated and starts, the web interface, the API and the apps do not answer;"
                + " the proxy keeps running and answers with an error page (Caddy: 502 Bad Gateway), and open bases lose their connection until"
                + " SeaTable is back. " + after);
    }

    private void wayBack(List<Part> parts, boolean changes) {
        if (!changes) {
            parts.add(new ReportDocument.Text("Nothing to go back from: nothing would change."));
            return;
        }
        Installation i = plan.installation();
        String previous = i.state().edition().map(Edition::displayName).orElse("previous edition") + " " + i.state().version().map(Object::toString)
                .orElse("") + " (" + i.configuredImage().map(Object::toString).orElse("?") + ")";
        String config = plan.runDir().resolve("config").toString();
        parts.add(new ReportDocument.Text("If a step after the first change fails, seatable-migrate goes back by itself (appendix B): it restores"
                + " .env and the license file from " + config + ", brings up the " + previous + " again and waits until it is healthy. That takes"
                + " about as long as the switch; the databases are not touched."));
        parts.add(new ReportDocument.Text("To go back later, after a switch that succeeded, run the command below (on this machine, or on the"
                + " host where the audit script ran). It restores the same two files from the backup, brings up the " + previous + " again"
                + " and checks it is healthy, in about the time of the switch; the databases stay as they are."
                + (plan.request().backup() ? " Adding --restore-database also loads the dump taken before the switch"
                + i.database().filter(d -> d.sizeBytes() >= 0).map(d -> " (about " + Bytes.human(d.sizeBytes()) + ")").orElse("")
                + ": SeaTable stops while it loads, and changes made since the switch are lost."
                : " There is no dump to restore (--no-backup).")));
        List<String> words = new ArrayList<>(List.of("seatable-migrate"));
        context.connection().forEach(w -> words.add(Shell.quote(w)));
        words.addAll(List.of("rollback", "--compose-dir", Shell.quote(i.composeDir().toString()), "--backup-dir",
                Shell.quote(plan.request().backupRoot().toString()), "--backup", Shell.quote(plan.runDir().getFileName().toString())));
        parts.add(new ReportDocument.Code(List.of(String.join(" ", words))));
    }

    /** Each step in words: its title, and what each of its changes does. */
    private static List<List<String>> words(List<Step> steps) {
        List<List<String>> rows = new ArrayList<>();
        int n = 1;
        for (Step s : steps) {
            // A verification's step says in its title what it waits for.
            List<String> what = s.changes().stream().map(Change::describe).toList();
            rows.add(List.of(Integer.toString(n++), s.title(), what.isEmpty() ? "(checks only)" : String.join("; ", what)));
        }
        return rows;
    }

    private static List<String> shell(List<Step> steps) {
        List<String> lines = new ArrayList<>();
        int n = 1;
        for (Step s : steps) {
            lines.add("# " + n++ + ". " + s.title());
            for (Change c : s.changes()) {
                lines.add(c.shell());
            }
            s.verification().ifPresent(v -> lines.add(v.shellCall()));
        }
        return lines;
    }
}

package seatablemigrate.core.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.PlanJson;
import seatablemigrate.core.plan.PreflightChecks;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.Shell;

/**
 * The plan for a change board ({@code plan --report FILE.md|.html}): the installation, every check, every step with
 * its shell form, the rollback, the fingerprints a reviewed plan relies on, and what the Developer Edition lacks.
 * Self-contained and printable; holds nothing from {@code .env} but the image, like {@link PlanJson}.
 */
public final class PlanReport {
    private final MigrationPlan plan;
    private final Map<String, String> fingerprints;
    private final String host;
    private final String toolVersion;

    public PlanReport(MigrationPlan plan, Map<String, String> fingerprints, String host, String toolVersion) {
        this.plan = requireNonNull(plan, "plan is null");
        this.fingerprints = Map.copyOf(fingerprints);
        this.host = requireNonNull(host, "host is null");
        this.toolVersion = requireNonNull(toolVersion, "toolVersion is null");
    }

    /** One block of the report: a heading and either rows (a table) or lines of code. */
    private record Section(String title, List<String[]> rows, List<String> code) {}

    private List<Section> sections() {
        Installation i = plan.installation();
        List<Section> out = new ArrayList<>();
        List<String[]> summary = new ArrayList<>();
        summary.add(new String[] {"Host", plan.request().offlineCopy().map(c -> c.plannedFor(i.composeDir())).orElse(host)});
        // Offline every fact below is the copy's word, not an observation of the host.
        plan.request().offlineCopy().ifPresent(c -> summary.add(new String[] {"Read from (offline)", "copy " + c.dir() + "; nothing of the"
                + " host was observed: the audit script checks it before its first change"}));
        summary.add(new String[] {"Compose directory", i.composeDir().toString()});
        summary.add(new String[] {"Now", i.state().edition().map(Edition::displayName).orElse("?") + " "
                + i.state().version().map(Object::toString).orElse("?") + " (" + i.configuredImage().map(Object::toString).orElse("?") + ")"});
        plan.target().ifPresent(t -> summary.add(new String[] {"Target", t.edition().displayName() + " " + t.version() + " (" + t.image() + ")"}));
        summary.add(new String[] {"Run and backup folder", plan.runDir().toString()});
        summary.add(new String[] {"License", i.license().summary()});
        summary.add(new String[] {"Outcome of the checks", plan.refused() ? "REFUSED: nothing would change" : plan.nothingToDo() ? "nothing to do" : "ready"});
        out.add(new Section("Summary", summary, List.of()));
        out.add(new Section("Pre-flight checks", plan.checks().stream().map(c -> new String[] {c.status().word(), c.name(), c.message()}).toList(),
                List.of()));
        out.add(new Section("Steps, exactly as a run performs them", List.of(), shell(plan.steps())));
        out.add(new Section("Rollback, if a step after the first change fails", List.of(), shell(plan.rollback())));
        out.add(new Section(plan.request().offlineCopy().map(c -> "Fingerprints, read from the copy " + c.dir() + " (the audit script"
                + " refuses a host whose files differ; a run of the saved plan, a copy that differs)")
                .orElse("Fingerprints (a run of the saved plan refuses when one differs)"),
                fingerprints.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> new String[] {e.getKey(), e.getValue()}).toList(), List.of()));
        if (plan.request().target() == Edition.DEVELOPER) {
            out.add(new Section("What the Developer Edition does not have",
                    PreflightChecks.ENTERPRISE_ONLY_FEATURES.stream().map(f -> new String[] {f}).toList(), List.of()));
        }
        return out;
    }

    private static List<String> shell(List<Step> steps) {
        List<String> lines = new ArrayList<>();
        int n = 1;
        for (Step s : steps) {
            lines.add("# " + n++ + ". " + s.title());
            for (Change c : s.changes()) {
                lines.add(c.shell());
            }
            s.verification().ifPresent(v -> lines.add(AuditScript.call(v)));
        }
        return lines;
    }

    private String title() {
        return "seatable-migrate plan: " + plan.request().offlineSource().map(s -> s + ", to the ")
                .orElse(plan.installation().composeDir() + " on " + host + " to the ") + plan.request().target().displayName();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(md(title())).append("\n\nMade by seatable-migrate ").append(toolVersion).append(".\n");
        for (Section s : sections()) {
            sb.append("\n## ").append(md(s.title())).append("\n\n");
            if (!s.rows().isEmpty()) {
                int cols = s.rows().get(0).length;
                sb.append("|").append(" |".repeat(cols)).append("\n|").append(" --- |".repeat(cols)).append('\n');
                s.rows().forEach(r -> {
                    sb.append('|');
                    for (String cell : r) {
                        sb.append(' ').append(md(cell)).append(" |");
                    }
                    sb.append('\n');
                });
            }
            if (!s.code().isEmpty()) {
                String fence = fence(s.code());
                sb.append(fence).append("bash\n");
                s.code().forEach(l -> sb.append(l).append('\n'));
                sb.append(fence).append('\n');
            }
        }
        return sb.toString();
    }

    public String html() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(h(title()))
                .append("</title>\n<style>body{font:14px/1.4 sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;width:100%}"
                        + "td{border:1px solid #bbb;padding:.3em;vertical-align:top}pre{background:#f4f4f4;padding:.6em;white-space:pre-wrap;"
                        + "word-break:break-all}h2{margin-top:1.5em;border-bottom:1px solid #888}"
                        // A check's result shows at a glance, also on paper: green pass, amber warn, red fail, blue deferred.
                        + "td.pass{background:#e3f2e6}td.warn{color:#8a5300;background:#fff1d6}td.fail{color:#a00;font-weight:bold;"
                        + "background:#fde2e1}td.deferred{background:#e4ebf5}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
                        + "@media print{body{margin:0}}</style></head><body>\n");
        sb.append("<h1>").append(h(title())).append("</h1>\n<p>Made by seatable-migrate ").append(h(toolVersion)).append(".</p>\n");
        for (Section s : sections()) {
            sb.append("<h2>").append(h(s.title())).append("</h2>\n");
            if (!s.rows().isEmpty()) {
                sb.append("<table>\n");
                for (String[] r : s.rows()) {
                    sb.append("<tr>");
                    for (String cell : r) {
                        sb.append("<td class=\"").append(h(cell)).append("\">").append(h(cell)).append("</td>");
                    }
                    sb.append("</tr>\n");
                }
                sb.append("</table>\n");
            }
            if (!s.code().isEmpty()) {
                sb.append("<pre>");
                s.code().forEach(l -> sb.append(h(l)).append('\n'));
                sb.append("</pre>\n");
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    /**
     * Text for a Markdown table cell or heading, shown as text whatever the host wrote: one line with control characters
     * escaped ({@link Shell#printable}), HTML's special characters as entities (no tag, no autolink), and the characters
     * that make Markdown links, code, emphasis or table cells escaped with a backslash.
     */
    static String md(String s) {
        String text = Shell.printable(s);
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\\', '`', '*', '[', ']', '|', '~', '!' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A code fence no line of {@code code} can close: backticks, one more than the longest run in any line, at least three. */
    private static String fence(List<String> code) {
        int longest = 0;
        for (String line : code) {
            int run = 0;
            for (int i = 0; i < line.length(); i++) {
                run = line.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String h(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

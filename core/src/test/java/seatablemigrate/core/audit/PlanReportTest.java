package seatablemigrate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.testing.Installations;

/**
 * The change board reads the report in a Markdown viewer or a browser: what the host wrote (a database's name in a
 * message, the compose directory's name) is shown as text there, never as markup, and cannot end a code block.
 */
class PlanReportTest {
    private static final String MARKUP = "<img src=x onerror=alert(1)>";
    /** A directory name that holds markup, both fences and a link. */
    private static final Path DIR = Path.of("/opt/" + MARKUP + "/```/~~~~/[x](javascript:alert(2))/a|b\u001b[31m");

    /** A plan for an installation in {@link #DIR}, refused when {@code hostileDatabase} (a database name it will not dump). */
    private static MigrationPlan plan(boolean hostileDatabase) {
        HostBackend host = Installations.plannableHost();
        Installation i = Installations.running(Edition.ENTERPRISE, DIR);
        DatabaseInfo db = i.database().orElseThrow();
        Installation hostile = !hostileDatabase ? i : Installations.withDatabase(i, new DatabaseInfo(db.container(), List.of(), -1, Optional.empty(),
                Optional.of("the database name '" + MARKUP + "' is not one this tool dumps"), db.users()));
        MigrationRequest req = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of("5.3.0")).backupRoot(Path.of("/backup"))
                .healthTimeout(Duration.ofMinutes(5)).build();
        return new Planner(host, Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC)).plan(hostile, req);
    }

    static PlanReport.Context context(String host) {
        return new PlanReport.Context(host, "1.0", Instant.parse("2026-12-02T10:00:00Z"), Optional.empty(), List.of());
    }

    /** The Markdown outside fenced code blocks, and the fenced blocks' lines. */
    private record Parts(String prose, List<String> code) {}

    /** Splits as CommonMark does: a fence opens with 3+ backticks or tildes and closes with at least as many of the same. */
    private static Parts parse(String markdown) {
        StringBuilder prose = new StringBuilder();
        List<String> code = new ArrayList<>();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            String t = line.stripLeading();
            if (fence == null) {
                if (t.startsWith("```") || t.startsWith("~~~")) {
                    char c = t.charAt(0);
                    int n = 0;
                    while (n < t.length() && t.charAt(n) == c) {
                        n++;
                    }
                    fence = String.valueOf(c).repeat(n);
                } else {
                    prose.append(line).append('\n');
                }
            } else if (t.startsWith(fence) && t.strip().replace(fence.substring(0, 1), "").isEmpty()) {
                fence = null;
            } else {
                code.add(line);
            }
        }
        assertThat(fence).as("every code block is closed").isNull();
        return new Parts(prose.toString(), code);
    }

    @Test
    void markdownShowsWhatTheHostWroteAsText() {
        MigrationPlan plan = plan(true);
        String md = new PlanReport(plan, Map.of(".env sha256", "ab".repeat(32)), context("host<b>")).markdown();
        Parts parts = parse(md);
        assertThat(parts.prose()).contains("## Pre-flight checks").contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain(MARKUP).doesNotContain("<img").doesNotContain("<b>").doesNotContain("[x](javascript:").contains("\\[x\\](javascript:").doesNotContain("\u001b");

        String steps = new PlanReport(plan(false), Map.of(), context("host")).markdown();
        assertThat(parse(steps).code()).as("the steps' shell forms stay exact inside their block").anySatisfy(l -> assertThat(l).contains(DIR.toString()));
        assertThat(parse(steps).prose()).doesNotContain(MARKUP).contains("## Appendix B: the rollback").doesNotContain("'/opt/");
        String html = new PlanReport(plan, Map.of(), context("host<b>")).html();
        assertThat(html).doesNotContain(MARKUP).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    /** The page uses its width, wraps long words only where they overflow (never SHA256SUMS in two), and prints on A4. */
    @Test
    void theHtmlUsesThePageWidthAndPrints() {
        String html = new PlanReport(plan(true), Map.of(), context("host")).html();
        assertThat(html).doesNotContain("break-all").doesNotContain("max-width").contains("overflow-wrap:break-word")
                .contains("@page{size:A4").contains("@media print").contains("h2.appendix{break-before:page}")
                .contains("<div class=\"banner refused\" role=\"status\"><p class=\"verdict\">REFUSED</p>")
                .contains("<h2>Sign-off</h2>");
        assertThat(html).as("a cell's class is a check's status word, never the host's text").doesNotContain("class=\"&lt;")
                .contains("<td class=\"status fail\">fail</td><td>database</td>");
        String ready = new PlanReport(plan(false), Map.of(), context("host")).html();
        assertThat(ready).contains("<h2 class=\"appendix\">Appendix A: the steps, exactly as a run performs them</h2>");
        assertThat(ready.indexOf("<h2>Sign-off</h2>")).as("the shell forms come after the sign-off, in the appendix")
                .isLessThan(ready.indexOf("Appendix A")).isGreaterThan(ready.indexOf("<h2>The way back</h2>"));
    }
}

package seatablemigrate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.testing.Installations;

/**
 * The Markdown report a change board signs, byte for byte: a plan from the Enterprise to the Developer Edition with a
 * fixed clock, tool version, host and plan digest. A change to the report's wording shows here as a diff to review; the
 * text the code makes now is written to target/plan-report.actual.md to compare (and to copy over the golden file when
 * the change is meant).
 */
class PlanReportGoldenTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    static MigrationPlan plan(MigrationRequest request) {
        return new Planner(Installations.plannableHost(), Clock.fixed(NOW, ZoneOffset.UTC)).plan(Installations.running(Edition.ENTERPRISE, DIR), request);
    }

    static MigrationRequest toDeveloper() {
        return MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of("5.3.0")).backupRoot(Path.of("/opt/seatable-backup"))
                .healthTimeout(Duration.ofMinutes(5)).build();
    }

    @Test
    void theMarkdownReportIsTheGoldenOne() throws IOException {
        PlanReport report = new PlanReport(plan(toDeveloper()), Map.of(".env sha256", "ab".repeat(32), "running image", "sha256:" + "cd".repeat(32)),
                new PlanReport.Context("admin@db1:22 (host key SHA256:Fo0b4r)", "1.4.0", NOW, Optional.of("ef".repeat(32)),
                        List.of("--host", "admin@db1", "--sudo")));
        String actual = report.markdown();
        Path written = Path.of("target", "plan-report.actual.md");
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual, StandardCharsets.UTF_8);
        String golden;
        try (InputStream in = PlanReportGoldenTest.class.getResourceAsStream("plan-report.golden.md")) {
            assertThat(in).as("the golden file; the report as made now is in " + written.toAbsolutePath()).isNotNull();
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual).as("the report as made now is in " + written.toAbsolutePath()).isEqualTo(golden);
    }
}

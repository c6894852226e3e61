package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/**
 * A plan file is input, not authority: every field {@code migrate --plan} reads is checked as the command-line option
 * it stands for would be (exit 2, a message naming the field), and a run folder lies in the plan's backup root with
 * the name the tool gives run folders. Each field is corrupted in turn with several bad values.
 */
class PlanFileTamperingTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path ROOT = Path.of("/opt/seatable-backup");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MISSING = "(missing)";

    /** A plan file as {@code plan --out} writes it for the fake host: Enterprise to Developer 5.3.0. */
    static byte[] reviewed() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        var req = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of("5.3.0")).backupRoot(ROOT)
                .healthTimeout(Duration.ofMinutes(5)).build();
        MigrationPlan plan = new Planner(host, Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC))
                .plan(Installations.running(Edition.ENTERPRISE, DIR), req);
        assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
        return PlanFile.of(plan, host, "test").bytes();
    }

    static Stream<Arguments> tamperings() {
        String nul = "\"/opt/seatable-backup/x\\u0000y\"";
        String run = "/opt/seatable-backup/20261130-100000-to-";
        List<Arguments> out = new ArrayList<>();
        add(out, "planFormat", MISSING, "\"2\"", "0", "-1", "99", "2.5");
        add(out, "composeDir", MISSING, "5", "\"\"", "\"seatable-compose\"", "\"/opt/x/../seatable-compose\"", "\"/opt/seatable-compose/\"",
                "\"/opt/seatable\\u0000compose\"", "null");
        add(out, "runDir", MISSING, "5", "\"\"", "\"20261130-100000-to-developer\"", "\"/etc/cron.d\"", "\"/etc/20261130-100000-to-developer\"",
                "\"" + run + "enterprise\"", "\"/opt/seatable-backup/sub/20261130-100000-to-developer\"", "\"/opt/seatable-backup\"",
                "\"/opt/seatable-backup/../20261130-100000-to-developer\"", "\"/opt/seatable-backup/notarun\"",
                "\"/opt/seatable-backup/20261399-100000-to-developer\"", "\"" + run + "developer-0\"", "\"" + run + "developer/\"", nul);
        add(out, "request.to", MISSING, "\"community\"", "\"\"", "5", "null");
        add(out, "request.backupDir", MISSING, "\"\"", "\"seatable-backup\"", "\"/etc\"", "\"/opt/x/../seatable-backup\"", "5",
                "\"/opt/seatable\\u0000backup\"");
        add(out, "request.license", "5", "\"\"", "\"seatable-license.txt\"", "\"/root/../seatable-license.txt\"", "\"/root/lic\\u0000ense\"");
        add(out, "request.backup", MISSING, "\"yes\"", "1", "null");
        add(out, "request.healthTimeoutSeconds", MISSING, "-1", "0", "\"abc\"", "\"300\"", "1.5", "86401", "9223372036854775807",
                "100000000000000000000000", "1e30", "null", "true");
        add(out, "request.pinDigest", MISSING, "\"no\"", "0");
        add(out, "target.version", MISSING, "\"latest\"", "\"5.3\"", "\"abc\"", "\"\"", "5");
        add(out, "current.compose", MISSING, "\"podman compose\"", "\"\"", "5");
        add(out, "fullRestart", MISSING, "\"no\"", "1");
        add(out, "offline", MISSING, "true", "\"false\"");
        add(out, "refused", MISSING, "true", "\"no\"");
        add(out, "nothingToDo", MISSING, "true", "1");
        add(out, "fingerprints", MISSING, "[]", "\"x\"", "{\".env sha256\": 5}");
        add(out, "comparedSteps", MISSING, "{}", "[5]", "\"prepare\"");
        add(out, "comparedRollback", MISSING, "{}", "[null]");
        add(out, "hostIdentity.target", MISSING, "\"\"", "5");
        add(out, "hostIdentity.fingerprint", MISSING, "\"\"", "[]");
        return out.stream();
    }

    private static void add(List<Arguments> out, String field, String... values) {
        for (String v : values) {
            out.add(Arguments.of(field, v));
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("tamperings")
    void everyFieldIsCheckedAsItsOptionWouldBeAndTheMessageNamesIt(String field, String value) throws Exception {
        byte[] bytes = tamper(reviewed(), field, value);
        // Whatever reads the file first (the parser or the request built from it) must refuse it, before any host is asked.
        assertThatThrownBy(() -> PlanFile.parse(bytes, Path.of("plan.json")).request())
                .isInstanceOf(UsageException.class).hasMessageStartingWith("plan.json").hasMessageContaining(field)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void theUntouchedFileReadsBackAsTheRequestItWasMadeFor() {
        MigrationRequest r = PlanFile.parse(reviewed(), Path.of("plan.json")).request();
        assertThat(r.composeDir()).isEqualTo(DIR);
        assertThat(r.backupRoot()).isEqualTo(ROOT);
        assertThat(r.healthTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(r.version()).contains("5.3.0");
        assertThat(r.reviewed().orElseThrow().runDir()).isEqualTo(ROOT.resolve("20261130-100000-to-developer"));
    }

    /** An offline plan names the copy it read: a dry-run of it reads that copy again; its path is held to the rule of --from. */
    @Test
    void anOfflinePlanReadsBackAsARequestForItsCopyAndItsCopyIsChecked() throws Exception {
        byte[] offline = tamper(tamper(reviewed(), "offline", "true"), "copy", "{\"dir\": \"/srv/copies/db1\", \"host\": \"admin@db1\"}");
        MigrationRequest r = PlanFile.parse(offline, Path.of("plan.json")).request();
        assertThat(r.offline()).isTrue();
        assertThat(r.readDir()).isEqualTo(Path.of("/srv/copies/db1"));
        assertThat(r.offlineSource()).contains("copy /srv/copies/db1, planned for admin@db1:/opt/seatable-compose");
        for (String bad : List.of(MISSING, "\"\"", "\"copies/db1\"", "\"/srv/copies/../etc\"", "5", "\"/srv/co\\u0000pies\"")) {
            byte[] bytes = tamper(offline, "copy.dir", bad);
            assertThatThrownBy(() -> PlanFile.parse(bytes, Path.of("plan.json")).request()).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("plan.json").hasMessageContaining(bad.equals(MISSING) ? "offline" : "copy.dir");
        }
        for (String bad : List.of("\"\"", "5")) {
            byte[] bytes = tamper(offline, "copy.host", bad);
            assertThatThrownBy(() -> PlanFile.parse(bytes, Path.of("plan.json"))).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageContaining("copy.host");
        }
    }

    @Test
    void aRunFolderWithTheSuffixOfASecondRunInTheSameSecondIsTheToolsOwn() throws Exception {
        byte[] bytes = tamper(reviewed(), "runDir", "\"/opt/seatable-backup/20261130-100000-to-developer-2\"");
        assertThat(PlanFile.parse(bytes, Path.of("plan.json")).runDir()).isEqualTo(ROOT.resolve("20261130-100000-to-developer-2"));
    }

    @Test
    void noHealthWaitCanBeMadeLongerThanADayWhereverItComesFrom() {
        var version = seatablemigrate.core.model.SeaTableVersion.parse("5.3.0").orElseThrow();
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofHours(24).plusSeconds(1), Duration.ofSeconds(Long.MAX_VALUE))) {
            assertThatThrownBy(() -> MigrationRequest.builder(DIR, Edition.DEVELOPER).healthTimeout(bad).build()).as(bad.toString())
                    .isInstanceOf(UsageException.class);
            assertThatThrownBy(() -> new RollbackRequest(DIR, ComposePreference.AUTO, ROOT, Optional.empty(), false, bad)).as(bad.toString())
                    .isInstanceOf(UsageException.class);
            // The wait itself (deadline = start + timeout in nanoseconds) is never built with more than a day.
            assertThatThrownBy(() -> new Verification.Healthy(Edition.DEVELOPER, version, bad)).as(bad.toString())
                    .isInstanceOf(UsageException.class);
        }
        assertThat(new Verification.Healthy(Edition.DEVELOPER, version, MigrationRequest.MAX_HEALTH_TIMEOUT).timeout()).hasHours(24);
    }

    /** The file with one field replaced by {@code value} (JSON text), or removed. */
    static byte[] tamper(byte[] file, String field, String value) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(file);
        String[] parts = field.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (value.equals(MISSING)) {
            parent.remove(last);
        } else {
            JsonNode v = JSON.readTree(value);
            parent.set(last, v);
        }
        return JSON.writeValueAsBytes(root);
    }
}

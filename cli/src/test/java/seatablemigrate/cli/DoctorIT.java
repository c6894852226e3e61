package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** doctor on a real installation: ready with a warning for a license about to expire; not ready when SeaTable is down. */
class DoctorIT {
    @RegisterExtension
    final TempBackupRoot backups = new TempBackupRoot();

    @Test
    void aReadyHostWithALicenseAboutToExpireAndThenSeatableDown() throws Exception {
        String soon = new String(ComposeProject.validLicense(), StandardCharsets.UTF_8)
                .replaceAll("Expiration = \"[0-9-]+\"", "Expiration = \"" + LocalDate.now(java.time.ZoneOffset.UTC).plusDays(10) + "\"");
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, soon.getBytes(StandardCharsets.UTF_8)).up()) {
            LocalMigrationIT.Run ready = LocalMigrationIT.cli("doctor", "--compose-dir", p.dir.toString(), "--backup-dir", backups.path().toString());

            assertThat(ready.exit()).as(ready.out() + ready.err()).isZero();
            assertThat(ready.out()).contains("[pass]     engine").contains("[pass]     current-state").contains("[pass]     database")
                    .contains("[warn]     license").contains("within 30 days").contains("ready to be switched");

            ComposeProject.Docker.ok(Path.of("/"), 60, "docker", "stop", "seatable-server");
            LocalMigrationIT.Run down = LocalMigrationIT.cli("--json", "doctor", "--compose-dir", p.dir.toString(), "--backup-dir",
                    backups.path().toString());

            assertThat(down.exit()).isEqualTo(3);
            var events = JsonEvents.parse(down.out());
            assertThat(JsonEvents.ofType(events, "check")).anySatisfy(c -> {
                assertThat(c.path("name").asText()).isEqualTo("current-state");
                assertThat(c.path("status").asText()).isEqualTo("fail");
            });
            assertThat(events.get(events.size() - 1).path("message").asText()).contains("not ready: current-state");
        }
    }
}

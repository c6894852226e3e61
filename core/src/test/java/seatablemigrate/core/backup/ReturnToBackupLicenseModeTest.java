package seatablemigrate.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.inspect.Inspector;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.plan.RollbackRequest;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/** A rollback restores the license with the mode its backup's manifest recorded; a manifest from before that field restores 0644. */
class ReturnToBackupLicenseModeTest {
    private static final Path COMPOSE = Path.of("/opt/seatable-compose");
    private static final Path ROOT = Path.of("/opt/seatable-backup");
    private static final Path RUN = ROOT.resolve("20261101-100000-to-developer");
    private static final String ENV = Installations.env(Edition.ENTERPRISE);

    private static String sum(String content) {
        return Sha256.of(content.getBytes(StandardCharsets.UTF_8)).hex();
    }

    @ParameterizedTest(name = "manifest licenseMode {0}: restored as {1}")
    @CsvSource({"'', 644", "'\"licenseMode\": \"640\",', 640", "'\"licenseMode\": \"600\",', 600"})
    void theLicenseIsRestoredWithTheModeItsManifestRecorded(String licenseModeField, String restoredOctal) {
        FakeHost host = Installations.host(Edition.DEVELOPER, COMPOSE)
                .file(RUN.resolve("manifest.json"), """
                        {"composeDir": "/opt/seatable-compose", "created": "2026-11-01T10:00:00Z",
                         "from": {"edition": "enterprise", "version": "%s", "image": "%s"},
                         "to": {"edition": "developer", "version": "%s", "image": "%s"},
                         "databaseDump": false, "envMode": "600", "licenseExisted": true, %s
                         "files": ["config/.env", "config/seatable-license.txt"]}
                        """.formatted(Installations.version(Edition.ENTERPRISE), Installations.image(Edition.ENTERPRISE),
                        Installations.version(Edition.DEVELOPER), Installations.image(Edition.DEVELOPER), licenseModeField))
                .file(RUN.resolve("config/.env"), ENV)
                .file(RUN.resolve("config/seatable-license.txt"), Installations.LICENSE)
                .file(RUN.resolve("SHA256SUMS"), sum(ENV) + "  config/.env\n" + sum(Installations.LICENSE) + "  config/seatable-license.txt\n")
                .file(RUN.resolve("journal.log"), "2026-11-01T10:01:00Z END DONE\n");
        RollbackRequest request = new RollbackRequest(COMPOSE, ComposePreference.AUTO, ROOT, Optional.empty(), false, Duration.ofSeconds(5));
        AtomicReference<ReturnToBackup.Plan> shown = new AtomicReference<>();

        Runner.Result r = new ReturnToBackup(host, RunMode.LIVE, new Interruption()).run(request, List.of(),
                () -> new Inspector(host).inspect(COMPOSE, ComposePreference.AUTO), plan -> {
                    shown.set(plan);
                    return false;
                }, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.REFUSED);
        assertThat(shown.get().backup().licenseMode()).isEqualTo(Integer.parseInt(restoredOctal, 8));
        assertThat(shown.get().steps()).flatExtracting(s -> s.changes()).filteredOn(FileChange.CopyFile.class::isInstance)
                .map(FileChange.CopyFile.class::cast).filteredOn(c -> c.target().equals(COMPOSE.resolve(Installation.LICENSE_FILE)))
                .singleElement().satisfies(c -> assertThat(Integer.toOctalString(c.mode())).isEqualTo(restoredOctal));
        assertThat(host.applied()).isEmpty();
    }
}

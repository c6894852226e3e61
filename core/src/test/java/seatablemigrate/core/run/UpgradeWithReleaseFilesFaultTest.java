package seatablemigrate.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.ReleaseFiles;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/**
 * Every fault of {@link UpgradeFaultTest} again, now that the upgrade also brings the release's official files: the
 * project's compose file is replaced by 6.0.3's and {@code .env} gains a generated secret it requires; whatever fails, the
 * installation's files are back byte for byte (the assertions of the parent compare every file outside the backups).
 */
class UpgradeWithReleaseFilesFaultTest extends UpgradeFaultTest {
    private static final String TARGET = Installations.COMPOSE_FILE + "# the 6.0 files\nx-secret: ${UPGRADE_SECRET:?needed}\n";
    private final Path folder;
    private final ReleaseFiles files;

    UpgradeWithReleaseFilesFaultTest() {
        try {
            folder = Files.createTempDirectory("release-files");
            Files.createDirectories(folder.resolve("v5.3.4"));
            Files.createDirectories(folder.resolve("v6.0.3"));
            Files.writeString(folder.resolve("v5.3.4/seatable-server.yml"), Installations.COMPOSE_FILE);
            Files.writeString(folder.resolve("v6.0.3/seatable-server.yml"), TARGET);
            files = ReleaseFiles.read(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReleaseFiles.FormatException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void removeFolder() throws IOException {
        for (String f : new String[] {"v5.3.4/seatable-server.yml", "v6.0.3/seatable-server.yml", "v5.3.4", "v6.0.3", ""}) {
            Files.deleteIfExists(folder.resolve(f));
        }
    }

    @Override
    Optional<ReleaseFiles> releaseFiles() {
        return Optional.of(files);
    }

    @Test
    void theFilesComeWithTheReleaseAndTheSecretIsDrawnOnTheHost() {
        FakeHost host = Installations.host(seatablemigrate.core.model.Edition.ENTERPRISE, DIR);
        MigrationPlan plan = plan(host);

        Runner.Result r = new Runner(host, new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(host.content(DIR.resolve("seatable-server.yml"))).contains(TARGET);
        assertThat(host.content(DIR.resolve(".env")).orElseThrow()).matches("COMPOSE_FILE='seatable-server.yml'\nSEATABLE_IMAGE='" + TO + "'\nUPGRADE_SECRET='[0-9a-f]{48}'\n");
        assertThat(host.runningImage()).contains(TO);
    }
}

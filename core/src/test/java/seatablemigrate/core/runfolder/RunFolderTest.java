package seatablemigrate.core.runfolder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;

/** A run folder is named after what the run does: a switch after its edition, an upgrade after its release. */
class RunFolderTest {
    private static final Path ROOT = Path.of("/opt/seatable-backup");
    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    private static final SeaTableVersion V610 = SeaTableVersion.parse("6.1.0").orElseThrow();

    @Test
    void aSwitchIsNamedAfterItsEditionAndAnUpgradeAfterItsRelease() {
        assertThat(RunFolder.named(ROOT, AT, Edition.DEVELOPER, 1).dir()).isEqualTo(ROOT.resolve("20261202-100000-to-developer"));
        assertThat(RunFolder.upgradeNamed(ROOT, AT, V610, 1).dir()).isEqualTo(ROOT.resolve("20261202-100000-upgrade-to-6.1.0"));
        assertThat(RunFolder.upgradeNamed(ROOT, AT, V610, 3).dir()).isEqualTo(ROOT.resolve("20261202-100000-upgrade-to-6.1.0-3"));
    }

    @Test
    void anUpgradesFolderIsItsOwnNameOrTheSwitchLikeNameOlderVersionsGaveIt() {
        assertThat(RunFolder.isUpgradeNamed(ROOT.resolve("20261202-100000-upgrade-to-6.1.0"), ROOT, Edition.ENTERPRISE, V610)).isTrue();
        assertThat(RunFolder.isUpgradeNamed(ROOT.resolve("20261202-100000-upgrade-to-6.1.0-2"), ROOT, Edition.ENTERPRISE, V610)).isTrue();
        assertThat(RunFolder.isUpgradeNamed(ROOT.resolve("20261202-100000-to-enterprise"), ROOT, Edition.ENTERPRISE, V610))
                .as("made by a version from before upgrades had their own names").isTrue();
        for (String other : new String[] {"20261202-100000-upgrade-to-6.1.1", "20261202-100000-to-developer", "20261202-100000-upgrade-to-6.1",
                "20261302-100000-upgrade-to-6.1.0", "20261202-100000-upgrade-to-6.1.0-1", "20261202-100000-upgrade-to-6.1.0/x"}) {
            assertThat(RunFolder.isUpgradeNamed(ROOT.resolve(other), ROOT, Edition.ENTERPRISE, V610)).as(other).isFalse();
        }
        assertThat(RunFolder.isNamed(ROOT.resolve("20261202-100000-upgrade-to-6.1.0"), ROOT, Edition.ENTERPRISE))
                .as("a switch's plan names no upgrade's folder").isFalse();
    }
}

package seatablemigrate.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.backup.ReturnToBackup;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.plan.RollbackRequest;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.OtherUser;
import seatablemigrate.core.workflow.Workflow;

/**
 * A backup counts only when its folder and everything in it is the tool's own: another user's folder with a valid
 * manifest (planted in a shared root) is not listed, not restored, not recovered from, and does not push one of the
 * tool's own backups out of prune's {@code --keep}.
 */
class BackupOwnershipTest {
    private static final Path COMPOSE = Path.of("/opt/seatable-compose");
    private static final Path ROOT = Path.of("/srv/shared-backups");
    private static final Path OURS = ROOT.resolve("20261101-100000-to-developer");
    private static final Path PLANTED = ROOT.resolve("20261102-100000-to-developer");
    private static final String ENV = "SEATABLE_IMAGE='seatable/seatable-enterprise:5.3.4'\n";

    /** A complete backup folder as a run leaves it; with {@code ended} false its journal was cut off mid-switch. */
    private static FakeHost backup(FakeHost host, Path dir, String created, boolean ended) {
        return host.file(dir.resolve("manifest.json"), """
                        {"composeDir": "/opt/seatable-compose", "created": "%s",
                         "from": {"edition": "enterprise", "version": "5.3.4", "image": "seatable/seatable-enterprise:5.3.4"},
                         "to": {"edition": "developer", "version": "5.3.0", "image": "seatable/seatable-developer:5.3.0"},
                         "databaseDump": false, "envMode": "600", "licenseExisted": false, "files": ["config/.env"]}
                        """.formatted(created))
                .file(dir.resolve("config/.env"), ENV)
                .file(dir.resolve("SHA256SUMS"), Sha256.of(ENV.getBytes(StandardCharsets.UTF_8)).hex() + "  config/.env\n")
                .file(dir.resolve("journal.log"), "2026-11-01T10:00:00Z RUN run composeDir=" + COMPOSE + " from=enterprise:5.3.4 to=developer:5.3.0\n"
                        + "2026-11-01T10:00:01Z BEGIN stop\n2026-11-01T10:00:02Z DONE stop\n" + (ended ? "2026-11-01T10:01:00Z END DONE\n" : ""));
    }

    private static FakeHost host() {
        FakeHost host = new FakeHost(COMPOSE);
        backup(host, OURS, "2026-11-01T10:00:00Z", true);
        backup(host, PLANTED, "2026-11-02T10:00:00Z", true);
        return host.owner(PLANTED, OtherUser.UID);
    }

    @Test
    void onlyTheToolsOwnFoldersAreListedAndTheReasonIsNamed() {
        FakeHost host = host();
        BackupCatalog catalog = new BackupCatalog(host);
        assertThat(catalog.list(ROOT)).extracting(BackupCatalog.Backup::dir).containsExactly(OURS);
        assertThat(catalog.read(PLANTED)).isEmpty();
        assertThat(catalog.notOurs(PLANTED)).hasValue(PLANTED + " belongs to uid 65534, not to uid 0 (the user seatable-migrate runs as)");
        assertThat(catalog.notOurs(OURS)).isEmpty();

        host.owner(PLANTED, 0).owner(PLANTED.resolve("config/.env"), OtherUser.UID);
        assertThat(catalog.notOurs(PLANTED)).as("a file of another user inside").hasValueSatisfying(m -> assertThat(m).contains("config/.env"));
        host.owner(PLANTED.resolve("config/.env"), 0).file(PLANTED.resolve("config/.env"), ENV.getBytes(StandardCharsets.UTF_8), 0666);
        assertThat(catalog.notOurs(PLANTED)).hasValueSatisfying(m -> assertThat(m).contains("writable by every user (mode 666)"));
        host.file(PLANTED.resolve("config/.env"), ENV.getBytes(StandardCharsets.UTF_8), 0600).symlink(PLANTED.resolve("config/license"), Path.of("/etc/shadow"));
        assertThat(catalog.notOurs(PLANTED)).hasValueSatisfying(m -> assertThat(m).contains("license is a symlink"));
        assertThat(catalog.list(ROOT)).extracting(BackupCatalog.Backup::dir).containsExactly(OURS);
    }

    @Test
    void aBackupOfAnotherUserNamedForRollbackIsRefusedWithTheReasonBeforeAnythingIsLookedAt() {
        FakeHost host = host();
        RollbackRequest request = new RollbackRequest(COMPOSE, ComposePreference.AUTO, ROOT, Optional.of(PLANTED.getFileName().toString()),
                false, Duration.ofSeconds(5));
        Runner.Result r = new ReturnToBackup(host, RunMode.LIVE, new Interruption()).run(request, java.util.List.of(),
                () -> { throw new AssertionError("inspected"); }, plan -> { throw new AssertionError("asked to confirm"); }, Reporter.NONE);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.message()).contains("backup " + PLANTED.getFileName() + " is not used").contains("uid 65534").contains("Nothing was changed");
        assertThat(host.applied()).isEmpty();
    }

    @Test
    void anUnfinishedRunInAFolderOfAnotherUserIsNoRunToRecover() {
        FakeHost host = new FakeHost(COMPOSE);
        backup(host, OURS, "2026-11-01T10:00:00Z", true);
        backup(host, PLANTED, "2026-11-02T10:00:00Z", false).owner(PLANTED, OtherUser.UID);
        Workflow workflow = new Workflow(host, Clock.systemUTC(), new Interruption());
        assertThat(workflow.unfinishedRuns(ROOT, COMPOSE)).isEmpty();
        host.owner(PLANTED, 0);
        assertThat(workflow.unfinishedRuns(ROOT, COMPOSE)).extracting(u -> u.runDir()).containsExactly(PLANTED);
    }

    @Test
    void pruneKeepsTheToolsOwnNewestAndNeverTouchesAnotherUsersFolder() {
        FakeHost host = host();
        assertThat(new BackupPruning(host).candidates(ROOT, COMPOSE, 1, Optional.empty(), Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
        backup(host, ROOT.resolve("20261031-100000-to-developer"), "2026-10-31T10:00:00Z", true);
        assertThat(new BackupPruning(host).candidates(ROOT, COMPOSE, 1, Optional.empty(), Instant.parse("2026-12-01T00:00:00Z")))
                .extracting(BackupCatalog.Backup::dir).containsExactly(ROOT.resolve("20261031-100000-to-developer"));
    }
}

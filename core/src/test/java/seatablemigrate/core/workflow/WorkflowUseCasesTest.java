package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.plan.Intent;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.RollbackRequest;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.runfolder.BackupManifest;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.ForwardingHostBackend;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;
import seatablemigrate.core.testing.ToldReporter;

/**
 * The workflow's use cases on the fake host, as a user meets them: {@code status} and {@code plan} read and change
 * nothing; {@code migrate} (a switch, an upgrade) ends with its outcome, its words, the files it wrote and the ones it
 * left byte for byte; {@code rollback} returns to a backup, with the databases when the backup was an upgrade's;
 * {@code backups prune} removes what it says and nothing else.
 */
class WorkflowUseCasesTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path BACKUPS = Path.of("/opt/seatable-backup");
    private static final Path STATE = Path.of("/var/lib/seatable-migrate");
    private static final Instant FIRST = Instant.parse("2026-12-02T10:00:00Z");
    private static final String EE = Installations.image(Edition.ENTERPRISE);
    private static final String DE = Installations.image(Edition.DEVELOPER);
    private static final String EE6 = "seatable/seatable-enterprise:6.0.3";

    private static Workflow workflow(FakeHost host, Instant at) {
        return new Workflow(host, RunMode.LIVE, Clock.fixed(at, ZoneOffset.UTC), new Interruption(),
                Installations.enterpriseRegistry("5.3.4", "5.3.5", "6.0.3", "6.2.0"));
    }

    private static Workflow workflow(FakeHost host) {
        return workflow(host, FIRST);
    }

    private static MigrationRequest toDeveloper() {
        return MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of(Installations.version(Edition.DEVELOPER)))
                .backupRoot(BACKUPS).healthTimeout(Duration.ofSeconds(1)).build();
    }

    private static MigrationRequest upgrade(String version) {
        return MigrationRequest.builder(DIR, Edition.ENTERPRISE).intent(Intent.UPGRADE).version(Optional.ofNullable(version))
                .backupRoot(BACKUPS).healthTimeout(Duration.ofSeconds(1)).build();
    }

    private static RollbackRequest rollback(Optional<String> backup, boolean restoreDatabase) {
        return new RollbackRequest(DIR, ComposePreference.AUTO, BACKUPS, backup, restoreDatabase, Duration.ofSeconds(1));
    }

    private static String env(FakeHost host) {
        return host.content(DIR.resolve(Installation.ENV_FILE)).orElseThrow();
    }

    /** The run folders under the backup root, by name. */
    private static List<String> runFolders(FakeHost host) {
        return host.list(BACKUPS).stream().map(p -> p.getFileName().toString()).toList();
    }

    private static String lastLine(FakeHost host, Path file) {
        return host.content(file).orElseThrow().strip().lines().reduce((a, b) -> b).orElseThrow();
    }

    /** Every file of the host but those under {@code under} and the tool's own state (the pointer to the last run). */
    private static Map<Path, String> filesOutside(FakeHost host, Path under) {
        Map<Path, String> out = new TreeMap<>(host.snapshot());
        out.keySet().removeIf(p -> p.startsWith(under) || p.startsWith(STATE));
        return out;
    }

    /** A host running the Enterprise Edition, with the Developer Edition's image pulled already (its registry lists none). */
    private static FakeHost hostWithDeveloperImage() {
        return Installations.host(Edition.ENTERPRISE, DIR).image("sha256:" + "de".repeat(32), DE);
    }

    // status

    @Test
    void statusShowsWhatRunsAndTheReleasesAndChangesNothing() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        Map<Path, String> before = host.snapshot();

        Status s = workflow(host).status(DIR, ComposePreference.AUTO, BACKUPS);

        Installation i = s.installation();
        assertThat(i.state().edition()).contains(Edition.ENTERPRISE);
        assertThat(i.state().version()).contains(SeaTableVersion.parse("5.3.4").orElseThrow());
        assertThat(i.recordedVersion()).as("the stamp in SeaTable's configuration folder").contains(SeaTableVersion.parse("5.3.4").orElseThrow());
        assertThat(i.configuredImage()).map(Object::toString).contains(EE);
        assertThat(i.problems()).isEmpty();
        assertThat(s.releases()).containsExactly(
                "Enterprise Edition 5.3.x: tags [5.3.5, 5.3.4] in registry.test; local images: [5.3.4]",
                "Upgrade: 6.0.3 is the newest release the upgrade path allows from 5.3.4 (plan it with 'plan --upgrade'); newer, not allowed: [6.2.0]",
                "Developer Edition 5.3.x: no matching tag in registry.test; local images: none");
        assertThat(host.applied()).isEmpty();
        assertThat(host.snapshot()).isEqualTo(before);
    }

    @Test
    void statusOfAFolderWithoutAComposeProjectIsAUsageErrorNamingTheOption() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        assertThatThrownBy(() -> workflow(host).status(Path.of("/opt/elsewhere"), ComposePreference.AUTO, BACKUPS))
                .isInstanceOf(UsageException.class).hasMessageContaining("/opt/elsewhere").hasMessageContaining("--compose-dir");
        assertThat(host.applied()).isEmpty();
    }

    // plan

    @Test
    void planChoosesTheUpgradesTargetAndItsWayBackAndChangesNothing() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        Map<Path, String> before = host.snapshot();

        MigrationPlan plan = workflow(host).plan(upgrade(null));

        assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
        assertThat(plan.target().orElseThrow().image()).hasToString(EE6);
        assertThat(plan.target().orElseThrow().choice().reason()).contains("the newest release of seatable/seatable-enterprise the upgrade path allows")
                .contains("newer 6.2.0 is not chosen: crossing 6.2 needs a manual step");
        assertThat(plan.steps()).extracting(s -> s.kind()).containsExactly(StepId.PULL, StepId.PREPARE, StepId.BACKUP, StepId.SWITCH_IMAGE,
                StepId.START, StepId.VERIFY);
        assertThat(plan.rollback()).extracting(s -> s.kind()).contains(StepId.RESTORE_DATABASE);
        assertThat(plan.runDir()).isEqualTo(BACKUPS.resolve("20261202-100000-upgrade-to-6.0.3"));
        assertThat(host.applied()).isEmpty();
        assertThat(host.snapshot()).isEqualTo(before);
    }

    // migrate

    @Test
    void aSwitchWritesTheTargetImageIntoEnvAndKeepsTheOriginalInItsBackup() {
        FakeHost host = hostWithDeveloperImage();
        String envBefore = env(host);
        List<String> told = new ArrayList<>();

        Runner.Result r = workflow(host).migrate(toDeveloper(), plan -> told.add(plan.target().orElseThrow().image().toString()), new ToldReporter());

        Path run = BACKUPS.resolve("20261202-100000-to-developer");
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.outcome().exitCode()).isZero();
        assertThat(r.message()).startsWith("SeaTable now runs the Developer Edition 5.3.0 (" + DE + "), healthy. ").endsWith("Backup and journal: " + run);
        assertThat(told).containsExactly(DE);
        assertThat(env(host)).isEqualTo(envBefore.replace(EE, DE));
        assertThat(host.runningImage()).contains(DE);
        RunFolder folder = new RunFolder(run);
        assertThat(host.content(folder.config().resolve(Installation.ENV_FILE))).contains(envBefore);
        assertThat(host.content(folder.config().resolve(Installation.LICENSE_FILE))).contains(Installations.LICENSE);
        assertThat(host.content(folder.dump()).orElseThrow()).contains("INSERT INTO `EmailUser`").endsWith("-- Dump completed on 2026-11-30 10:00:00\n");
        assertThat(lastLine(host, folder.journal())).endsWith("END DONE");
        assertThat(host.content(folder.log()).orElseThrow()).contains("SeaTable now runs the Developer Edition 5.3.0");
        BackupManifest m = BackupManifest.parse(host.readFile(folder.manifest()).orElseThrow()).orElseThrow();
        assertThat(m.upgrade()).isFalse();
        assertThat(m.from().image()).isEqualTo(EE);
        assertThat(m.to().image()).isEqualTo(DE);
    }

    @Test
    void anUpgradeMigratesAndKeepsTheStampAndTheConfigurationFolderInItsBackup() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        String envBefore = env(host);
        String databasesBefore = host.databases();

        Runner.Result r = workflow(host).migrate(upgrade("6.0.3"), plan -> true, new ToldReporter());

        Path run = BACKUPS.resolve("20261202-100000-upgrade-to-6.0.3");
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.message()).startsWith("SeaTable now runs the Enterprise Edition 6.0.3 (" + EE6 + "), healthy. ");
        assertThat(env(host)).isEqualTo(envBefore.replace(EE, EE6));
        assertThat(host.content(Installations.STAMP)).contains("6.0.3\n");
        assertThat(host.databases()).isNotEqualTo(databasesBefore);
        RunFolder folder = new RunFolder(run);
        assertThat(host.content(folder.seatableConf().resolve("current_version.txt"))).contains("5.3.4\n");
        assertThat(host.content(folder.seatableConf().resolve("dtable_web_settings.py"))).contains(Installations.SETTINGS_CONTENT);
        assertThat(host.content(folder.dump()).orElseThrow()).startsWith("-- seatable-migrate rows: ").contains(databasesBefore);
        BackupManifest m = BackupManifest.parse(host.readFile(folder.manifest()).orElseThrow()).orElseThrow();
        assertThat(m.upgrade()).isTrue();
        assertThat(m.seatableConf()).extracting(BackupManifest.SavedFile::name).containsExactly("current_version.txt", "dtable_web_settings.py");
    }

    @Test
    void anUpgradeWithNothingNewerHasNothingToDoAndTouchesNothing() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        Map<Path, String> before = host.snapshot();
        Workflow w = new Workflow(host, RunMode.LIVE, Clock.fixed(FIRST, ZoneOffset.UTC), new Interruption(),
                Installations.enterpriseRegistry("5.3.0", "5.3.4"));

        Runner.Result r = w.migrate(upgrade(null), plan -> true, new ToldReporter());

        assertThat(r.outcome()).isEqualTo(Outcome.NOTHING_TO_DO);
        assertThat(r.outcome().exitCode()).isZero();
        assertThat(r.message()).startsWith("SeaTable already runs the Enterprise Edition 5.3.4 (no release of seatable/seatable-enterprise is newer than 5.3.4")
                .endsWith("): nothing to do");
        assertThat(host.applied()).isEmpty();
        assertThat(host.snapshot()).isEqualTo(before);
    }

    @Test
    void aRefusedOrUnconfirmedRunChangesNothingAndSaysWhy() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        Map<Path, String> before = host.snapshot();

        Runner.Result declined = workflow(host).migrate(upgrade("6.0.3"), plan -> false, new ToldReporter());
        ToldReporter told = new ToldReporter();
        Runner.Result refused = workflow(host).migrate(upgrade("6.2.0"), plan -> true, told);

        assertThat(declined).isEqualTo(new Runner.Result(Outcome.REFUSED, "not confirmed: nothing was changed"));
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.outcome().exitCode()).isEqualTo(3);
        assertThat(refused.message()).isEqualTo("refused by pre-flight (upgrade-path): nothing was changed");
        assertThat(told.check("upgrade-path").message()).contains("crossing 6.2");
        assertThat(host.applied()).as("not even a run folder").isEmpty();
        assertThat(host.snapshot()).isEqualTo(before);
        assertThat(host.runningImage()).contains(EE);
    }

    @Test
    void migrateFirstRecoversAnUpgradeThatWasCutOffThenRunsItAgain() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        // The first upgrade is cut off just after its new release started (and hung): no rollback, no END.
        host.failStarts(1);
        MigrationPlan first = workflow(host).plan(upgrade("6.0.3"));
        new Runner(new CutOff(host), new Interruption()).run(first, Reporter.NONE);
        assertThat(lastLine(host, new RunFolder(first.runDir()).journal())).endsWith("DONE start");
        List<String> recoveries = new ArrayList<>();

        Runner.Result r = workflow(host, FIRST.plusSeconds(60)).migrate(upgrade("6.0.3"), plan -> true, (run, steps) -> {
            recoveries.add(run.runDir() + ": " + steps.stream().map(s -> s.id()).toList());
            return true;
        }, new ToldReporter());

        assertThat(recoveries).containsExactly(first.runDir() + ": [rollback-stop, restore-database, rollback-restore, rollback-start, rollback-verify]");
        assertThat(lastLine(host, new RunFolder(first.runDir()).journal())).endsWith("END ROLLED_BACK recovered by a later run");
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.message()).endsWith("Backup and journal: " + BACKUPS.resolve("20261202-100100-upgrade-to-6.0.3"));
        assertThat(host.runningImage()).contains(EE6);
        // The second run's backup was taken after the recovery: it holds the previous release's stamp.
        assertThat(host.content(BACKUPS.resolve("20261202-100100-upgrade-to-6.0.3/seatable-conf/current_version.txt"))).contains("5.3.4\n");
    }

    /** A host whose connection is lost right after the journal says the step 'start' is done: the journal is cut there. */
    private static final class CutOff extends ForwardingHostBackend {
        private boolean gone;

        CutOff(FakeHost host) {
            super(host);
        }

        @Override
        public void apply(Change change, Duration timeout, ProgressListener progress) {
            if (gone) {
                throw new ChangeFailedException("the connection is gone");
            }
            super.apply(change, timeout, progress);
            gone = change instanceof FileEdit.AppendJournalLine line && line.line(FIRST).endsWith(" DONE start");
        }
    }

    // rollback

    @Test
    void rollbackOfAnUpgradeNeedsTheDatabasesAndWithThemRestoresEveryByte() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        Map<Path, String> before = filesOutside(host, BACKUPS);
        String databasesBefore = host.databases();
        assertThat(workflow(host).migrate(upgrade("6.0.3"), plan -> true, new ToldReporter()).outcome()).isEqualTo(Outcome.DONE);
        host.write("INSERT INTO `EmailUser` VALUES (3,'written-after-the-upgrade@example.com');");
        String id = "20261202-100000-upgrade-to-6.0.3";

        Runner.Result refused = workflow(host, FIRST.plusSeconds(60)).rollbackTo(rollback(Optional.empty(), false), plan -> true, new ToldReporter());

        assertThat(refused).isEqualTo(new Runner.Result(Outcome.REFUSED, "backup " + id + " was taken before an upgrade to 6.0.3, which migrates"
                + " the databases: 5.3.4 runs only on the databases as they were. Add --restore-database (data written since the upgrade is"
                + " lost); nothing was changed"));
        assertThat(host.runningImage()).contains(EE6);
        assertThat(host.content(Installations.STAMP)).contains("6.0.3\n");

        List<String> confirmed = new ArrayList<>();
        Runner.Result r = workflow(host, FIRST.plusSeconds(60)).rollbackTo(rollback(Optional.empty(), true), plan -> {
            confirmed.add(plan.backup().id() + " " + plan.steps().stream().map(s -> s.id()).toList());
            return true;
        }, new ToldReporter());

        assertThat(confirmed).containsExactly(id + " [rollback-stop, restore-database, rollback-restore, rollback-start, rollback-verify]");
        assertThat(r).isEqualTo(new Runner.Result(Outcome.DONE, "SeaTable runs the Enterprise Edition 5.3.4 again, healthy; .env and the license"
                + " are restored from backup " + id + ", and the databases from its dump"));
        assertThat(host.runningImage()).contains(EE);
        assertThat(host.databases()).as("the write after the upgrade is gone with it").isEqualTo(databasesBefore);
        assertThat(filesOutside(host, BACKUPS)).as(".env, the license, the stamp and the settings, byte for byte").isEqualTo(before);
        assertThat(lastLine(host, new RunFolder(BACKUPS.resolve(id)).journal())).endsWith("END ROLLED_BACK restored by 'seatable-migrate rollback'");
    }

    @Test
    void anUpgradesBackupNamedAsOlderVersionsDidIsListedAndRolledBackByItsName() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        Map<Path, String> before = filesOutside(host, BACKUPS);
        assertThat(workflow(host).migrate(upgrade("6.0.3"), plan -> true, new ToldReporter()).outcome()).isEqualTo(Outcome.DONE);
        Path made = BACKUPS.resolve("20261202-100000-upgrade-to-6.0.3");
        String old = "20261202-100000-to-enterprise";
        host.move(made, BACKUPS.resolve(old));

        Runner.Result r = workflow(host, FIRST.plusSeconds(60)).rollbackTo(rollback(Optional.of(old), true), plan -> true, new ToldReporter());

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.message()).contains("restored from backup " + old + ", and the databases from its dump");
        assertThat(filesOutside(host, BACKUPS)).isEqualTo(before);
    }

    @Test
    void rollbackOfASwitchRestoresEnvAndThenHasNothingLeftToDo() {
        FakeHost host = hostWithDeveloperImage();
        String envBefore = env(host);
        assertThat(workflow(host).migrate(toDeveloper(), plan -> true, new ToldReporter()).outcome()).isEqualTo(Outcome.DONE);
        String id = "20261202-100000-to-developer";

        Runner.Result r = workflow(host, FIRST.plusSeconds(60)).rollbackTo(rollback(Optional.of(id), false), plan -> true, new ToldReporter());
        Runner.Result again = workflow(host, FIRST.plusSeconds(120)).rollbackTo(rollback(Optional.of(id), false), plan -> true, new ToldReporter());

        assertThat(r).isEqualTo(new Runner.Result(Outcome.DONE, "SeaTable runs the Enterprise Edition 5.3.4 again, healthy; .env and the license"
                + " are restored from backup " + id));
        assertThat(env(host)).isEqualTo(envBefore);
        assertThat(host.runningImage()).contains(EE);
        assertThat(again).isEqualTo(new Runner.Result(Outcome.NOTHING_TO_DO, "SeaTable already runs the Enterprise Edition 5.3.4 (" + EE
                + ") recorded in backup " + id + ": nothing to do"));
    }

    @Test
    void rollbackWithoutABackupRefusesNamingTheListCommand() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);

        Runner.Result none = workflow(host).rollbackTo(rollback(Optional.empty(), false), plan -> true, new ToldReporter());
        Runner.Result unknown = workflow(host).rollbackTo(rollback(Optional.of("20260101-000000-to-developer"), false), plan -> true,
                new ToldReporter());

        assertThat(none).isEqualTo(new Runner.Result(Outcome.REFUSED, "no backup of " + DIR + " in " + BACKUPS + " (see: seatable-migrate backups)"));
        assertThat(unknown).isEqualTo(new Runner.Result(Outcome.REFUSED, "no backup 20260101-000000-to-developer of " + DIR + " in " + BACKUPS
                + " (see: seatable-migrate backups)"));
        assertThat(host.applied()).isEmpty();
    }

    // backups prune

    /** Two switches, there and back: two backups, the older one first in time. */
    private static FakeHost twoBackups() {
        FakeHost host = hostWithDeveloperImage();
        assertThat(workflow(host).migrate(toDeveloper(), plan -> true, new ToldReporter()).outcome()).isEqualTo(Outcome.DONE);
        MigrationRequest back = MigrationRequest.builder(DIR, Edition.ENTERPRISE).version(Optional.of(Installations.version(Edition.ENTERPRISE)))
                .licenseFile(Optional.of(DIR.resolve(Installation.LICENSE_FILE))).backupRoot(BACKUPS).healthTimeout(Duration.ofSeconds(1)).build();
        Runner.Result r = workflow(host, FIRST.plusSeconds(3600)).migrate(back, plan -> true, new ToldReporter());
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(runFolders(host)).containsExactly("20261202-100000-to-developer", "20261202-110000-to-enterprise");
        return host;
    }

    @Test
    void pruneRemovesAllButTheNewestAndNothingElse() {
        FakeHost host = twoBackups();
        Path older = BACKUPS.resolve("20261202-100000-to-developer");
        Map<Path, String> kept = filesOutside(host, older);
        long size = BackupManifest.parse(host.readFile(new RunFolder(older).manifest()).orElseThrow()).orElseThrow().files().stream()
                .mapToLong(f -> host.readFile(older.resolve(f)).orElseThrow().length).sum();
        List<String> asked = new ArrayList<>();

        Runner.Result r = workflow(host, FIRST.plusSeconds(7200)).pruneBackups(BACKUPS, DIR, 1, Optional.empty(),
                doomed -> asked.addAll(doomed.stream().map(BackupCatalog.Backup::id).toList()), new ToldReporter());

        assertThat(asked).containsExactly("20261202-100000-to-developer");
        assertThat(r).isEqualTo(new Runner.Result(Outcome.DONE, "removed 1 backup(s) of " + DIR + ", "
                + Bytes.human(size) + " freed"));
        assertThat(runFolders(host)).containsExactly("20261202-110000-to-enterprise");
        assertThat(filesOutside(host, older)).as("everything else byte for byte").isEqualTo(kept);
        assertThat(host.snapshot().keySet()).noneMatch(p -> p.startsWith(older));
    }

    @Test
    void pruneWithNothingToRemoveOrDeclinedRemovesNothing() {
        FakeHost host = twoBackups();
        Map<Path, String> before = host.snapshot();

        Runner.Result keepBoth = workflow(host).pruneBackups(BACKUPS, DIR, 2, Optional.empty(), doomed -> true, new ToldReporter());
        Runner.Result notOldEnough = workflow(host, FIRST.plusSeconds(7200)).pruneBackups(BACKUPS, DIR, 0, Optional.of(Duration.ofDays(1)),
                doomed -> true, new ToldReporter());
        Runner.Result declined = workflow(host).pruneBackups(BACKUPS, DIR, 0, Optional.empty(), doomed -> false, new ToldReporter());

        String nothing = "nothing to prune: " + BACKUPS + " keeps every backup of " + DIR;
        assertThat(keepBoth).isEqualTo(new Runner.Result(Outcome.NOTHING_TO_DO, nothing));
        assertThat(notOldEnough).isEqualTo(new Runner.Result(Outcome.NOTHING_TO_DO, nothing));
        assertThat(declined).isEqualTo(new Runner.Result(Outcome.REFUSED, "not confirmed: nothing was removed"));
        assertThat(host.snapshot()).isEqualTo(before);
    }

    @Test
    void pruneNeverRemovesTheBackupOfAnUnresolvedRun() {
        FakeHost host = Installations.host(Edition.ENTERPRISE, DIR);
        host.failStarts(1);
        MigrationPlan cut = workflow(host).plan(upgrade("6.0.3"));
        new Runner(new CutOff(host), new Interruption()).run(cut, Reporter.NONE);
        Map<Path, String> before = host.snapshot();

        Runner.Result r = workflow(host, FIRST.plusSeconds(86400 * 30)).pruneBackups(BACKUPS, DIR, 0, Optional.empty(), doomed -> true,
                new ToldReporter());

        assertThat(r.outcome()).isEqualTo(Outcome.NOTHING_TO_DO);
        assertThat(host.snapshot()).isEqualTo(before);
        assertThat(new String(host.readFile(new RunFolder(cut.runDir()).dump()).orElseThrow(), StandardCharsets.UTF_8)).contains("-- Dump completed");
    }
}

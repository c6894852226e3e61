package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.runfolder.BackupManifest;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.testing.Installations;

/** An upgrade planned from an observed Enterprise 5.3.4: the release chosen, the path, the backup and the way back. */
class UpgradePlannerTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path CONF = Path.of("/opt/seatable-server/seatable/conf");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private HostBackend host;

    @BeforeEach
    void host() {
        host = Installations.plannableHost();
        conf("current_version.txt", "dtable_web_settings.py");
    }

    private void conf(String... names) {
        when(host.lstat(CONF)).thenReturn(Optional.of(new FileStat(FileStat.Type.DIRECTORY, 0, 0755, 0)));
        when(host.list(CONF)).thenReturn(java.util.Arrays.stream(names).map(CONF::resolve).toList());
        for (String n : names) {
            when(host.lstat(CONF.resolve(n))).thenReturn(Optional.of(new FileStat(FileStat.Type.REGULAR, 10, 0644, 0)));
        }
    }

    /** A registry whose Enterprise repository lists {@code tags}, each with a manifest. */
    private static ImageCatalog.Factory registry(String... tags) {
        return Installations.enterpriseRegistry(tags);
    }

    /** Enterprise 5.3.4 whose container mounts /opt/seatable-server at /shared. */
    private static Installation running() {
        Installation i = PlannerTest.enterprise("5.3.4");
        ContainerState s = i.seatable().orElseThrow();
        ContainerState mounted = new ContainerState(s.name(), s.image(), s.imageId(), s.status(), s.health(), s.labels(),
                Map.of("/shared", "/opt/seatable-server"), s.id(), s.startedAt());
        return new Installation(i.composeDir(), i.engine(), i.composeCli(), i.env(), i.envMode(), i.composeFiles(), i.composeFileSums(),
                i.seatableService(), i.configuredImage(), i.imageFollowsEnv(), List.of(i.containers().get(0), mounted), Optional.of(mounted),
                i.serverInfo(), i.recordedVersion(), i.license(), i.strayLicenseDirs(), i.licenseMounted(), i.database(), i.state(), i.problems());
    }

    private MigrationPlan plan(String version, String... tags) {
        MigrationRequest req = MigrationRequest.builder(DIR, Edition.ENTERPRISE).intent(Intent.UPGRADE).version(Optional.ofNullable(version))
                .backupRoot(Path.of("/backup")).healthTimeout(MigrationRequest.DEFAULT_UPGRADE_HEALTH_TIMEOUT).build();
        return new Planner(host, CLOCK, registry(tags)).plan(running(), req);
    }

    /**
     * Offline the configuration folder is where the compose files mount /shared; its names and modes come from a copy, the
     * check is deferred to a guard on the host's folder, and the backup copies the host's files by those names. Without a
     * copy the plan is refused, naming the folder to copy.
     */
    @Test
    void offlineTheFolderIsNamedByItsCopyAndGuardedOnTheHost() {
        Path copy = Path.of("/tmp/conf-copy");
        when(host.lstat(copy)).thenReturn(Optional.of(new FileStat(FileStat.Type.DIRECTORY, 0, 0755, 0)));
        when(host.list(copy)).thenReturn(List.of(copy.resolve("current_version.txt"), copy.resolve("ccnet.conf")));
        when(host.lstat(copy.resolve("current_version.txt"))).thenReturn(Optional.of(new FileStat(FileStat.Type.REGULAR, 6, 0644, 0)));
        when(host.lstat(copy.resolve("ccnet.conf"))).thenReturn(Optional.of(new FileStat(FileStat.Type.REGULAR, 9, 0600, 0)));
        Installation offline = Installations.offline(running(), Path.of("/opt/seatable-server"));
        MigrationRequest.Builder req = MigrationRequest.builder(DIR, Edition.ENTERPRISE).intent(Intent.UPGRADE).version(Optional.of("6.0.3"))
                .backupRoot(Path.of("/backup")).offline(true);

        MigrationPlan refused = new Planner(host, CLOCK, registry()).plan(offline, req.readingFrom(OfflineCopy.of(DIR, "db1")).build());
        assertThat(refused.checks()).filteredOn(c -> c.name().equals("seatable-conf")).singleElement().satisfies(c -> {
            assertThat(c.failed()).isTrue();
            assertThat(c.message()).contains("offline, an upgrade saves SeaTable's configuration folder " + CONF).contains("--seatable-conf-from");
        });
        assertThat(refused.steps()).isEmpty();

        MigrationPlan plan = new Planner(host, CLOCK, registry()).plan(offline,
                req.readingFrom(OfflineCopy.of(DIR, "db1").withSeatableConf(copy)).build());
        assertThat(plan.checks()).filteredOn(c -> c.name().equals("seatable-conf")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckResult.Status.DEFERRED);
            assertThat(c.message()).contains("2 file(s) of " + CONF).contains("named by the copy " + copy);
            assertThat(c.shellGuard()).hasValueSatisfying(g -> assertThat(g).contains("cd " + CONF).contains("ccnet.conf 600 f\ncurrent_version.txt 644 f"));
        });
        assertThat(plan.steps()).flatExtracting(Step::changes).filteredOn(FileChange.CopyFile.class::isInstance)
                .extracting(c -> ((FileChange.CopyFile) c).source()).contains(CONF.resolve("ccnet.conf"), CONF.resolve("current_version.txt"))
                .noneMatch(p -> p.startsWith(copy));
    }

    /**
     * With the release files of 5.3.4 and 6.1.0: the project's unchanged seatable-server.yml is replaced, .env gains a
     * generated secret, the project comes up whole, and the way back restores the file and removes the new service.
     */
    @Test
    void releaseFilesAreAStepOfTheirOwnAndTheWayBackRestoresThem(@org.junit.jupiter.api.io.TempDir Path releases) throws Exception {
        String base = "services:\n  seatable-server:\n    image: ${SEATABLE_IMAGE:-seatable/seatable-enterprise:5.3.4}\n"
                + "  mariadb:\n    image: mariadb:11\n";
        String target = base.replace("5.3.4", "6.1.0") + "    environment:\n      - K=${HELPER_SECRET:?x}\n  helper:\n    image: idle:1\n";
        java.nio.file.Files.createDirectories(releases.resolve("v5.3.4"));
        java.nio.file.Files.createDirectories(releases.resolve("v6.1.0"));
        java.nio.file.Files.writeString(releases.resolve("v5.3.4/seatable-server.yml"), base);
        java.nio.file.Files.writeString(releases.resolve("v6.1.0/seatable-server.yml"), target);
        when(host.readFile(DIR.resolve("seatable-server.yml"))).thenReturn(Optional.of(base.getBytes(StandardCharsets.UTF_8)));
        MigrationRequest req = MigrationRequest.builder(DIR, Edition.ENTERPRISE).intent(Intent.UPGRADE).version(Optional.of("6.1.0"))
                .backupRoot(Path.of("/backup")).releaseFiles(Optional.of(ReleaseFiles.read(releases))).build();
        MigrationPlan plan = new Planner(host, CLOCK, registry("6.1.0")).plan(running(), req);

        assertThat(check(plan, "release-files").status()).isEqualTo(CheckResult.Status.PASS);
        assertThat(check(plan, "release-files").message()).contains("seatable-server.yml replaced by 6.1.0's")
                .contains(".env gains HELPER_SECRET (a secret generated on the host, never shown)").contains("new services helper");
        assertThat(check(plan, "compose-preview").message()).as("Compose is not asked about files the run has not written yet").contains("not asked");
        assertThat(plan.steps()).extracting(Step::kind).containsExactly(StepId.PULL, StepId.PREPARE, StepId.BACKUP, StepId.RELEASE_FILES,
                StepId.SWITCH_IMAGE, StepId.START, StepId.VERIFY);
        List<Change> files = plan.steps().get(3).changes();
        assertThat(files.get(0)).isInstanceOfSatisfying(FileChange.WriteFile.class, w -> {
            assertThat(w.target()).isEqualTo(DIR.resolve("seatable-server.yml"));
            assertThat(new String(w.content(), StandardCharsets.UTF_8)).isEqualTo(target);
        });
        assertThat(files.get(1)).isEqualTo(new seatablemigrate.core.spi.FileEdit.AddGeneratedSecret(DIR.resolve(".env"), "HELPER_SECRET"));
        assertThat(plan.steps().get(5).changes().get(0).shell()).endsWith("compose up -d)");
        String manifest = new String(((FileChange.WriteFile) plan.steps().get(2).changes().get(plan.steps().get(2).changes().size() - 1)).content(),
                StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"releaseFiles\" : {").contains("\"seatable-server.yml\"").contains("\"helper\"");
        assertThat(plan.rollback().get(2).changes()).extracting(Change::shell)
                .anyMatch(sh -> sh.contains("config/seatable-server.yml") && sh.contains("t=/opt/seatable-compose/seatable-server.yml;"));
        assertThat(plan.rollback().get(3).changes().get(0).shell()).endsWith("compose up -d --remove-orphans)");
        assertThat(plan.rollback().get(3).title()).contains("the containers of helper go");

        // A reviewed plan names the folder and reads it again; the files it would write are compared by content.
        var identity = new seatablemigrate.core.spi.HostIdentity("local", "machine-id");
        PlanFile file = PlanFile.parse(PlanFile.of(plan, PlanFile.fingerprints(plan, host), identity, "local host", "1.0").bytes(), Path.of("/tmp/plan.json"));
        assertThat(file.request().releaseFiles().map(ReleaseSource::root)).contains(releases);
        MigrationPlan again = new Planner(host, CLOCK, registry("6.1.0")).plan(running(), file.request());
        assertThat(file.drift(again, host)).isEmpty();
        java.nio.file.Files.writeString(releases.resolve("v6.1.0/seatable-server.yml"), target + "# changed after the review\n");
        MigrationPlan changed = new Planner(host, CLOCK, registry("6.1.0")).plan(running(), file.request());
        assertThat(file.drift(changed, host)).singleElement().asString().startsWith("step 4 differs: reviewed 'release-files");
    }

    /**
     * A source that provides its files when the plan knows its target (as a download does): its notes join the check, a plan
     * file records its folder and reads it back as a folder; a source that cannot provide them refuses the upgrade's files.
     */
    @Test
    void aSourceProvidesTheFilesWhenTheTargetIsKnownOrRefusesThem(@org.junit.jupiter.api.io.TempDir Path cache) throws Exception {
        String base = "services:\n  seatable-server:\n    image: ${SEATABLE_IMAGE:-seatable/seatable-enterprise:5.3.4}\n";
        java.nio.file.Files.createDirectories(cache.resolve("v5.3.4"));
        java.nio.file.Files.createDirectories(cache.resolve("v6.1.0"));
        java.nio.file.Files.writeString(cache.resolve("v5.3.4/seatable-server.yml"), base);
        java.nio.file.Files.writeString(cache.resolve("v6.1.0/seatable-server.yml"), base.replace("5.3.4", "6.1.0"));
        when(host.readFile(DIR.resolve("seatable-server.yml"))).thenReturn(Optional.of(base.getBytes(StandardCharsets.UTF_8)));
        List<String> asked = new java.util.ArrayList<>();
        ReleaseSource downloaded = new ReleaseSource() {
            @Override
            public Path root() {
                return cache;
            }

            @Override
            public Provided provide(SeaTableVersion running, SeaTableVersion target) throws Unavailable {
                asked.add(running + " -> " + target);
                try {
                    return new Provided(ReleaseFiles.read(cache), List.of("files of v6.1.0 downloaded (sha256 0123456789ab, the digest"
                            + " GitHub publishes)"));
                } catch (ReleaseFiles.FormatException e) {
                    throw new Unavailable(e.getMessage());
                }
            }
        };
        MigrationRequest req = MigrationRequest.builder(DIR, Edition.ENTERPRISE).intent(Intent.UPGRADE).version(Optional.of("6.1.0"))
                .backupRoot(Path.of("/backup")).releaseFiles(Optional.of(downloaded)).build();
        MigrationPlan plan = new Planner(host, CLOCK, registry("6.1.0")).plan(running(), req);

        assertThat(asked).containsExactly("5.3.4 -> 6.1.0");
        assertThat(check(plan, "release-files").message()).isEqualTo("seatable-server.yml replaced by 6.1.0's (files of 5.3.4 -> 6.1.0);"
                + " files of v6.1.0 downloaded (sha256 0123456789ab, the digest GitHub publishes)");
        var identity = new seatablemigrate.core.spi.HostIdentity("local", "machine-id");
        PlanFile file = PlanFile.parse(PlanFile.of(plan, PlanFile.fingerprints(plan, host), identity, "local host", "1.0").bytes(), Path.of("/tmp/plan.json"));
        assertThat(file.request().releaseFiles().map(ReleaseSource::root)).contains(cache);
        assertThat(file.drift(new Planner(host, CLOCK, registry("6.1.0")).plan(running(), file.request()), host)).isEmpty();

        ReleaseSource unreachable = new ReleaseSource() {
            @Override
            public Path root() {
                return cache;
            }

            @Override
            public Provided provide(SeaTableVersion running, SeaTableVersion target) throws Unavailable {
                throw new Unavailable("SeaTable's release files of v5.3.4 could not be downloaded from github.com (no answer)");
            }
        };
        MigrationPlan refused = new Planner(host, CLOCK, registry("6.1.0")).plan(running(),
                req.toBuilder().releaseFiles(Optional.of(unreachable)).build());
        assertThat(check(refused, "release-files").status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(check(refused, "release-files").message()).isEqualTo("SeaTable's release files of v5.3.4 could not be downloaded from"
                + " github.com (no answer)");
        assertThat(refused.steps()).isEmpty();
    }

    private static CheckResult check(MigrationPlan plan, String name) {
        return plan.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theNewestReleaseThePathAllowsIsChosenAndEveryLineCrossedIsShown() {
        MigrationPlan plan = plan(null, "5.3.4", "5.4.2", "6.0.3", "6.1.0", "6.2.0");
        assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
        assertThat(plan.target().orElseThrow().image()).hasToString("seatable/seatable-enterprise:6.1.0");
        assertThat(plan.target().orElseThrow().choice().reason()).contains("the newest release of seatable/seatable-enterprise the upgrade path allows")
                .contains("newer 6.2.0 is not chosen: crossing 6.2 needs a manual step");
        assertThat(check(plan, "upgrade-path").status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(check(plan, "upgrade-path").message()).startsWith("5.3.4 -> 6.1.0 (crossing 6.0, 6.1)").contains("ENABLE_PYTHON_SCRIPT");
        assertThat(check(plan, "seatable-conf").message()).isEqualTo("2 file(s) of " + CONF + " are saved with the dump, and restored with it on the way back");
        assertThat(plan.nothingToDo()).isFalse();
    }

    @Test
    void theBackupHoldsTheDumpAndTheConfigurationFolderAndTheWayBackRestoresBoth() {
        MigrationPlan plan = plan("6.0.3", "6.0.3");
        List<Change> backup = plan.steps().stream().filter(s -> s.kind() == StepId.BACKUP).findFirst().orElseThrow().changes();
        assertThat(backup).anySatisfy(c -> assertThat(c).isInstanceOf(EngineChange.ContainerToFile.class));
        assertThat(backup).filteredOn(c -> c instanceof FileChange.CopyFile).extracting(c -> ((FileChange.CopyFile) c).source())
                .contains(CONF.resolve("current_version.txt"), CONF.resolve("dtable_web_settings.py"));
        assertThat(plan.backupFiles()).contains("databases.sql", "seatable-conf/current_version.txt", "seatable-conf/dtable_web_settings.py");
        byte[] manifest = backup.stream().filter(c -> c instanceof FileChange.WriteFile).map(c -> ((FileChange.WriteFile) c).content())
                .findFirst().orElseThrow();
        BackupManifest m = BackupManifest.parse(manifest).orElseThrow();
        assertThat(m.upgrade()).isTrue();
        assertThat(m.seatableConf()).containsExactly(new BackupManifest.SavedFile("current_version.txt", "644"),
                new BackupManifest.SavedFile("dtable_web_settings.py", "644"));
        assertThat(plan.rollback()).extracting(Step::kind).containsExactly(StepId.ROLLBACK_STOP, StepId.RESTORE_DATABASE,
                StepId.ROLLBACK_RESTORE, StepId.ROLLBACK_START, StepId.ROLLBACK_VERIFY);
        String load = plan.rollback().get(1).changes().get(0).shell();
        assertThat(load).startsWith("docker exec -i mariadb ").contains("-- Dump completed").endsWith("< " + plan.runDir().resolve("databases.sql"));
        assertThat(plan.rollback().get(2).changes()).extracting(Change::shell)
                .anySatisfy(s -> assertThat(s).contains(plan.runDir().resolve("seatable-conf/current_version.txt").toString())
                        .contains(CONF.resolve("current_version.txt").toString()));
        assertThat(plan.rollback().get(3).changes().get(0).shell()).contains("up -d --no-deps seatable-server");
        assertThat(plan.steps().stream().filter(s -> s.kind() == StepId.VERIFY).findFirst().orElseThrow().title())
                .contains("it migrates the databases first; waits up to 30 min");
    }

    @Test
    void aLowerVersionIsRefusedTheRunningOneIsNothingToDoAndAManualLineIsRefused() {
        MigrationPlan lower = plan("5.3.0", "5.3.0");
        assertThat(check(lower, "target-version").failed()).isTrue();
        assertThat(check(lower, "target-version").message()).contains("lower than the running 5.3.4").contains("rollback --restore-database");
        assertThat(plan("5.3.4", "5.3.4").nothingToDo()).isTrue();
        MigrationPlan none = plan(null, "5.3.0", "5.3.4");
        assertThat(none.nothingToDo()).isTrue();
        assertThat(none.target().orElseThrow().choice().reason()).startsWith("no release of seatable/seatable-enterprise is newer than 5.3.4");
        MigrationPlan manual = plan("6.2.0", "6.2.0");
        assertThat(check(manual, "upgrade-path").failed()).isTrue();
        assertThat(manual.steps()).isEmpty();
        MigrationPlan onlyRefused = plan(null, "6.2.0");
        assertThat(check(onlyRefused, "target-version").message()).startsWith("no newer release of seatable/seatable-enterprise can be upgraded to from 5.3.4; 6.2.0");
    }

    @Test
    void aConfigurationFolderWithSomethingOddInItIsRefusedBeforeAnything() {
        conf("current_version.txt", "bad name;rm");
        MigrationPlan plan = plan("6.0.3", "6.0.3");
        assertThat(check(plan, "seatable-conf").failed()).isTrue();
        assertThat(check(plan, "seatable-conf").message()).contains("'bad name;rm'").contains("not a plain regular file");
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void anUpgradeWithoutTheDumpIsAUsageError() {
        assertThatThrownBy(() -> MigrationRequest.builder(DIR, Edition.ENTERPRISE).intent(Intent.UPGRADE).backup(false).build())
                .isInstanceOf(UsageException.class).hasMessageContaining("an upgrade always dumps the databases first");
    }

    @Test
    void theEditionIsTheOneThatRuns() {
        MigrationRequest req = MigrationRequest.builder(DIR, Edition.DEVELOPER).intent(Intent.UPGRADE).version(Optional.of("6.0.3")).build();
        MigrationPlan plan = new Planner(host, CLOCK, registry("6.0.3")).plan(running(), req);
        assertThat(plan.request().target()).isEqualTo(Edition.ENTERPRISE);
        assertThat(plan.target().orElseThrow().edition()).isEqualTo(Edition.ENTERPRISE);
        assertThat(new String(PlanJson.render(plan).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).contains("\"intent\" : \"upgrade\"");
    }

    /** A switch to another edition of another release names the two runs that get there, in an order the releases allow. */
    @Test
    void aSwitchAcrossReleasesNamesTheTwoRunsThatGetThere() {
        MigrationRequest req = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of("6.0.3")).build();
        MigrationPlan plan = new Planner(host, CLOCK, registry("6.0.3")).plan(running(), req);
        assertThat(check(plan, "target-version").message()).isEqualTo("version 6.0.3 is not 5.3.x: an edition switch keeps MAJOR.MINOR (running"
                + " 5.3.4). Two runs get there: 'upgrade --version 6.0.3' (the Enterprise Edition 6.0.3 is known: tags [6.0.3] in registry.test;"
                + " local images: none), then 'migrate --to developer' (the newest Developer Edition of 6.0); or one run of both: add --via-upgrade");
        MigrationRequest refused = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of("6.2.0")).build();
        assertThat(check(new Planner(host, CLOCK, registry("6.2.0")).plan(running(), refused), "target-version").message())
                .contains("and the upgrade to 6.2.0 is refused: crossing 6.2");
    }
}

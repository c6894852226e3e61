package seatablemigrate.core.run;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.backup.ReturnToBackup;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.inspect.Inspector;
import seatablemigrate.core.inspect.MariaDbCommands;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.Intent;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.plan.ReleaseFiles;
import seatablemigrate.core.plan.RollbackRequest;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.ForwardingHostBackend;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/**
 * An upgrade of the Enterprise Edition 5.3.4 to 6.0.3 on the fake host, whose SeaTable migrates the databases and
 * stamps {@code current_version.txt} when the new release starts and refuses to start on a newer stamp, as its images
 * do. A failure injected at every change, at the new release's first start and at every change of the way back, and a
 * run cut off at every write and recovered by the next: what a user checks afterwards is what is asserted (the outcome
 * and its exit code, the databases' content, the stamp, {@code .env} and the configuration folder byte for byte, the
 * release that runs and its health).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT) // each case has a fake host of its own
class UpgradeFaultTest {
    static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path BACKUPS = Path.of("/opt/seatable-backup");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String FROM = Installations.image(Edition.ENTERPRISE);
    static final String TO = "seatable/seatable-enterprise:6.0.3";
    private static final String WRITTEN = "INSERT INTO `EmailUser` VALUES (2,'written-before-the-upgrade@example.com');";

    /** A host running the Enterprise Edition 5.3.4, with a row a user wrote, and what a user would compare after. */
    private record Before(FakeHost host, Map<Path, String> files, String databases, String seatableId) {
        static Before take() {
            FakeHost host = Installations.host(Edition.ENTERPRISE, DIR).write(WRITTEN);
            return new Before(host, host.snapshot(), host.databases(), host.container("seatable-server").orElseThrow().id());
        }

        /** The files outside the backup root, as they are now. */
        Map<Path, String> installationFiles() {
            return outsideBackups(host.snapshot());
        }

        Map<Path, String> installationFilesBefore() {
            return outsideBackups(files);
        }

        private static Map<Path, String> outsideBackups(Map<Path, String> files) {
            Map<Path, String> out = new java.util.TreeMap<>(files);
            out.keySet().removeIf(p -> p.startsWith(BACKUPS) || p.startsWith(Path.of("/var/lib/seatable-migrate")));
            return out;
        }
    }

    /** The release files the upgrade brings (none: the image alone changes); {@link UpgradeWithReleaseFilesFaultTest} gives some. */
    Optional<ReleaseFiles> releaseFiles() {
        return Optional.empty();
    }

    MigrationRequest request() {
        return MigrationRequest.builder(DIR, Edition.ENTERPRISE).intent(Intent.UPGRADE).version(Optional.of("6.0.3"))
                .backupRoot(BACKUPS).healthTimeout(Duration.ofSeconds(1)).releaseFiles(releaseFiles()).build();
    }

    private static Installation inspect(FakeHost host) {
        return new Inspector(host).inspect(DIR, ComposePreference.AUTO);
    }

    MigrationPlan plan(FakeHost host) {
        MigrationPlan plan = new Planner(host, CLOCK, Installations.enterpriseRegistry("5.3.4", "6.0.3")).plan(inspect(host), request());
        assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
        return plan;
    }

    private static List<Change> changes(MigrationPlan plan) {
        return plan.steps().stream().flatMap(s -> s.changes().stream()).toList();
    }

    private static Step stepOf(MigrationPlan plan, Change change) {
        return plan.steps().stream().filter(s -> s.changes().contains(change)).findFirst().orElseThrow();
    }

    private static String lastJournalLine(FakeHost host, MigrationPlan plan) {
        return host.content(plan.runDir().resolve(RunFolder.JOURNAL)).orElseThrow().strip().lines().reduce((a, b) -> b).orElseThrow();
    }

    /** The previous release runs, healthy, on the databases and the stamp as they were, with .env and the configuration folder as they were. */
    private static void assertBackAsBefore(Before b) {
        FakeHost host = b.host();
        assertThat(host.runningImage()).contains(FROM);
        assertThat(host.container("seatable-server").orElseThrow().health()).isEqualTo(ContainerState.Health.HEALTHY);
        assertThat(host.databases()).as("the databases as the dump saved them").isEqualTo(b.databases()).contains(WRITTEN);
        assertThat(host.content(Installations.STAMP)).contains("5.3.4\n");
        assertThat(b.installationFiles()).as(".env, the license, the compose file and the configuration folder, byte for byte")
                .isEqualTo(b.installationFilesBefore());
    }

    @Test
    void theUpgradeOnTheFakeHostMigratesAndStampsAsSeaTableDoes() {
        Before b = Before.take();
        MigrationPlan plan = plan(b.host());
        assertThat(plan.steps()).extracting(Step::kind).containsExactlyElementsOf(Stream.of(StepId.PULL, StepId.PREPARE, StepId.BACKUP,
                StepId.RELEASE_FILES, StepId.SWITCH_IMAGE, StepId.START, StepId.VERIFY).filter(k -> k != StepId.RELEASE_FILES
                || releaseFiles().isPresent()).toList());
        assertThat(plan.backupFiles()).contains(RunFolder.DUMP_FILE, "seatable-conf/current_version.txt", "seatable-conf/dtable_web_settings.py");

        Runner.Result r = new Runner(b.host(), new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(b.host().runningImage()).contains(TO);
        assertThat(b.host().content(Installations.STAMP)).contains("6.0.3\n");
        assertThat(b.host().databases()).isNotEqualTo(b.databases()).contains(WRITTEN);
        assertThat(b.host().content(plan.runDir().resolve("seatable-conf/current_version.txt"))).contains("5.3.4\n");
        assertThat(b.host().content(plan.runDir().resolve(RunFolder.DUMP_FILE)).orElseThrow()).contains(WRITTEN);
        assertThat(lastJournalLine(b.host(), plan)).endsWith("END DONE");
    }

    Stream<Arguments> everyChange() {
        int changes = changes(plan(Before.take().host())).size();
        return IntStream.range(0, changes).boxed().flatMap(i -> Stream.of(Arguments.of(i, "own"), Arguments.of(i, "foreign")));
    }

    /**
     * Before the stack is touched (pull, run folder, backup) nothing of the installation changes, byte for byte, and
     * SeaTable's container is the one that ran; from the {@code .env} edit on, the way back loads the dump and restores
     * the stamp, .env and the configuration folder, and proves the previous release healthy.
     */
    @ParameterizedTest(name = "failure at change {0} ({1})")
    @MethodSource("everyChange")
    void aFailureAtAnyChangeEndsWithTheInstallationAsItWas(int index, String kind) {
        Before b = Before.take();
        MigrationPlan plan = plan(b.host());
        Change failing = changes(plan).get(index);
        Step step = stepOf(plan, failing);
        b.host().failWhen(failing::equals, kind.equals("own") ? new ChangeFailedException("disk full")
                : new IllegalStateException("an unexpected state"));

        Runner.Result r = new Runner(b.host(), new Interruption()).run(plan, Reporter.NONE);

        if (!step.changesStack()) {
            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.FAILED_UNCHANGED);
            assertThat(r.outcome().exitCode()).isEqualTo(3);
            assertThat(r.message()).contains("step '" + step.id() + "' failed").contains("nothing was changed");
            assertThat(b.installationFiles()).isEqualTo(b.installationFilesBefore());
            assertThat(b.host().databases()).isEqualTo(b.databases());
            assertThat(b.host().container("seatable-server").orElseThrow().id()).as("the same container runs").isEqualTo(b.seatableId());
            assertThat(b.host().applied()).noneMatch(c -> c instanceof EngineChange.Compose || c instanceof FileEdit.SetEnvValue);
        } else {
            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(r.outcome().exitCode()).isEqualTo(4);
            assertThat(r.message()).startsWith("the upgrade failed (step '" + step.id() + "' failed")
                    .contains("rolled back: the previous release runs and is healthy").contains("the databases from the dump");
            assertThat(b.host().applied()).as("the way back loaded the dump").contains(plan.rollback().stream()
                    .filter(s -> s.kind() == StepId.RESTORE_DATABASE).findFirst().orElseThrow().changes().get(0));
            assertBackAsBefore(b);
        }
        if (step.kind() == StepId.PULL) {
            assertThat(b.host().lstat(plan.runDir())).as("a failed pull leaves no run folder").isEmpty();
        } else if (step.kind() != StepId.PREPARE) {
            assertThat(lastJournalLine(b.host(), plan)).endsWith("END " + r.outcome().name());
        }
    }

    /** The new release stamps its version and migrates the databases, then never becomes healthy: all of it is undone. */
    @Test
    void aNewReleaseThatMigratesAndThenFailsIsUndoneWithTheDatabasesAndTheStamp() {
        Before b = Before.take();
        MigrationPlan plan = plan(b.host());
        b.host().failStarts(1);

        Runner.Result r = new Runner(b.host(), new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.message()).startsWith("the upgrade failed (step 'verify' failed").contains("the databases from the dump and SeaTable's"
                + " configuration folder from the backup");
        assertBackAsBefore(b);
        assertThat(lastJournalLine(b.host(), plan)).endsWith("END ROLLED_BACK");
    }

    /** On the fake as on SeaTable: the previous release does not start on a stamp of a newer MAJOR.MINOR (what the way back is for). */
    @Test
    void thePreviousReleaseHangsOnANewerStamp() {
        FakeHost host = Before.take().host().file(Installations.STAMP, "6.0.3\n");
        host.apply(EngineChange.Compose.stop(DIR, ComposeCli.PLUGIN, "seatable-server"), Duration.ofSeconds(1), ProgressListener.NONE);
        host.apply(EngineChange.Compose.upOnly(DIR, ComposeCli.PLUGIN, "seatable-server"), Duration.ofSeconds(1), ProgressListener.NONE);

        assertThat(host.runningImage()).contains(FROM);
        assertThat(host.container("seatable-server").orElseThrow().health()).isEqualTo(ContainerState.Health.UNHEALTHY);
        assertThat(host.content(Installations.STAMP)).contains("6.0.3\n");
    }

    Stream<Arguments> everyRollbackChange() {
        MigrationPlan plan = plan(Before.take().host());
        List<Arguments> out = new ArrayList<>();
        List<Change> changes = plan.rollback().stream().flatMap(s -> s.changes().stream()).toList();
        for (int i = 0; i < changes.size(); i++) {
            out.add(Arguments.of(i, changes.get(i).describe()));
        }
        return out.stream();
    }

    /**
     * The new release fails after it migrated, and then the way back fails at one of its changes: the run needs
     * attention, says where the rollback stopped and how to finish it, which for an upgrade means loading the dump.
     * A restore that finds the file as it was writes nothing, and so cannot fail: that way back completes.
     */
    @ParameterizedTest(name = "the way back fails at change {0} ({1})")
    @MethodSource("everyRollbackChange")
    void aFailureOnTheWayBackNeedsAttentionAndNamesTheDatabaseRestore(int index, String describe) {
        Before b = Before.take();
        MigrationPlan plan = plan(b.host());
        Change failing = plan.rollback().stream().flatMap(s -> s.changes().stream()).toList().get(index);
        Step step = plan.rollback().stream().filter(s -> s.changes().contains(failing)).findFirst().orElseThrow();
        b.host().failStarts(1);
        AtomicBoolean failed = new AtomicBoolean();
        AtomicBoolean rollingBack = new AtomicBoolean();
        b.host().failWhen(c -> {
            rollingBack.compareAndSet(false, c.equals(plan.rollback().get(0).changes().get(0)));
            boolean fails = rollingBack.get() && c.equals(failing);
            failed.compareAndSet(false, fails);
            return fails;
        }, new ChangeFailedException("engine gone"));

        Runner.Result r = new Runner(b.host(), new Interruption()).run(plan, Reporter.NONE);

        if (!failed.get()) {
            assertThat(r.outcome()).as("nothing to write at " + describe + ": " + r.message()).isEqualTo(Outcome.ROLLED_BACK);
            assertBackAsBefore(b);
            return;
        }
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.NEEDS_ATTENTION);
        assertThat(r.outcome().exitCode()).isEqualTo(5);
        assertThat(r.message()).startsWith("the upgrade failed (step 'verify' failed").contains("the rollback failed at '" + step.id() + "'")
                .contains(plan.runDir().toString()).contains("--restore-database");
        assertThat(lastJournalLine(b.host(), plan)).endsWith("END NEEDS_ATTENTION");
        assertThat(Journal.unfinished(b.host(), plan.runDir(), DIR)).as("the next run finds it").isPresent();
        followTheAdvice(b, plan, r);
    }

    /** What the message of a way back that failed says to run: it returns to the previous release with the databases. */
    private static void followTheAdvice(Before b, MigrationPlan plan, Runner.Result needsAttention) {
        String command = "rollback --compose-dir " + DIR + " --backup-dir " + BACKUPS + " --backup " + plan.runDir().getFileName()
                + " --yes --restore-database";
        assertThat(needsAttention.message()).contains(command);
        RollbackRequest asked = new RollbackRequest(DIR, ComposePreference.AUTO, BACKUPS, Optional.of(plan.runDir().getFileName().toString()),
                true, Duration.ofSeconds(1));
        Runner.Result r = new ReturnToBackup(b.host(), RunMode.LIVE, new Interruption()).run(asked, List.of(Journal.unfinished(b.host(),
                plan.runDir(), DIR).orElseThrow()), () -> inspect(b.host()), p -> true, Reporter.NONE);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.message()).endsWith(", and the databases from its dump");
        assertBackAsBefore(b);
        assertThat(Journal.unfinished(b.host(), plan.runDir(), DIR)).as("resolved").isEmpty();
    }

    /** The way back's own start fails too (the previous release does not come up): it needs attention, naming the restore. */
    @Test
    void aFailedProofOnTheWayBackNeedsAttentionAndNamesTheDatabaseRestore() {
        Before b = Before.take();
        MigrationPlan plan = plan(b.host());
        b.host().failStarts(2);

        Runner.Result r = new Runner(b.host(), new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.NEEDS_ATTENTION);
        assertThat(r.message()).contains("the rollback failed at 'rollback-verify'").contains("--restore-database");
        assertThat(b.host().databases()).as("the dump was loaded before the start").isEqualTo(b.databases());
        assertThat(b.host().content(Installations.STAMP)).as("the failed start stamped its release again").contains("5.3.4\n");
        followTheAdvice(b, plan, r);
    }

    /** What kill -9 does to the runner: it stops at once, nothing of it runs on. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** The host under a run that is killed just before its {@code n}-th change (0-based, the journal's lines included). */
    private static final class KilledAt extends ForwardingHostBackend {
        private final AtomicInteger left;

        KilledAt(FakeHost host, int n) {
            super(host);
            this.left = new AtomicInteger(n);
        }

        @Override
        public void apply(Change change, Duration timeout, ProgressListener progress) {
            if (left.getAndDecrement() == 0) {
                throw new Killed();
            }
            super.apply(change, timeout, progress);
        }
    }

    /** The host under a run that is killed just after a change that matches {@code last} (its next change is never made). */
    private static final class KilledAfter extends ForwardingHostBackend {
        private final Predicate<Change> last;
        private boolean killed;

        KilledAfter(FakeHost host, Predicate<Change> last) {
            super(host);
            this.last = last;
        }

        @Override
        public void apply(Change change, Duration timeout, ProgressListener progress) {
            if (killed) {
                throw new Killed();
            }
            super.apply(change, timeout, progress);
            killed = last.test(change);
        }
    }

    Stream<Arguments> everyKill() {
        return Stream.of(true, false).flatMap(healthy -> {
            FakeHost host = Before.take().host().failStarts(healthy ? 0 : 1);
            new Runner(host, new Interruption()).run(plan(host), Reporter.NONE);
            return IntStream.rangeClosed(0, host.applied().size()).mapToObj(n -> Arguments.of(n, healthy));
        });
    }

    /**
     * A run cut off at every write (as by kill -9: no rollback, the journal cut there), with the new release healthy or
     * failing its first start, and the next run's recovery: cut before the installation was touched, it is closed with
     * nothing changed; with the new release running healthily, as done; otherwise it is rolled back with the databases
     * loaded from the dump and the stamp restored.
     */
    @ParameterizedTest(name = "killed before write {0}, the new release healthy: {1}")
    @MethodSource("everyKill")
    void aCutOffUpgradeIsRecoveredByTheNextRunWithTheDatabases(int n, boolean newReleaseHealthy) {
        Before b = Before.take();
        MigrationPlan plan = plan(b.host());
        if (!newReleaseHealthy) {
            b.host().failStarts(1);
        }
        try {
            new Runner(new KilledAt(b.host(), n), new Interruption()).run(plan, Reporter.NONE);
        } catch (Killed expected) {
            // the process is gone
        }
        b.host().failStarts(0); // the failure was the new release's; the next run starts the previous one as it is
        Optional<Journal.Unfinished> unfinished = Journal.unfinished(b.host(), plan.runDir(), DIR);
        if (unfinished.isEmpty()) {
            assertThat(b.host().runningImage()).as("killed outside a journal: SeaTable runs").isPresent();
            return;
        }
        Journal.Unfinished u = unfinished.get();
        List<String> asked = new ArrayList<>();

        Optional<Runner.Result> r = new Recovery(b.host(), RunMode.LIVE, new Interruption()).recover(List.of(u), request(),
                () -> inspect(b.host()), (run, steps) -> asked.add(run.runDir().toString()), Reporter.NONE);

        assertThat(r).as(r.map(Runner.Result::message).orElse("")).isEmpty();
        String end = lastJournalLine(b.host(), plan);
        if (!u.stackTouched()) {
            assertThat(end).contains(" END ABANDONED ");
            assertThat(asked).isEmpty();
            assertThat(b.installationFiles()).isEqualTo(b.installationFilesBefore());
            assertThat(b.host().databases()).isEqualTo(b.databases());
        } else if (asked.isEmpty()) {
            assertThat(end).as("the upgrade had completed").contains(" END DONE ");
            assertThat(newReleaseHealthy).isTrue();
            assertThat(b.host().runningImage()).contains(TO);
            assertThat(b.host().content(Installations.STAMP)).contains("6.0.3\n");
        } else {
            assertThat(end).contains(" END ROLLED_BACK ");
            assertThat(b.host().applied()).as("the dump was loaded").anyMatch(c -> c instanceof EngineChange.FileToContainer f
                    && f.command().equals(MariaDbCommands.loadDump("mariadb", plan.runDir().resolve(RunFolder.DUMP_FILE)).command()));
            assertBackAsBefore(b);
        }
        assertThat(Journal.unfinished(b.host(), plan.runDir(), DIR)).as("resolved for good").isEmpty();
    }

    /** Cut off right after the new release started (and failed): the next run's recovery loads the dump and restores the stamp. */
    @Test
    void anUpgradeCutOffAfterItsStartIsRolledBackWithTheDatabasesByTheNextRun() {
        Before b = Before.take();
        MigrationPlan plan = plan(b.host());
        b.host().failStarts(1);
        try {
            new Runner(new KilledAfter(b.host(), c -> c instanceof FileEdit.AppendJournalLine line
                    && line.line(CLOCK.instant()).endsWith(" DONE start")), new Interruption()).run(plan, Reporter.NONE);
        } catch (Killed expected) {
            // the process is gone
        }
        assertThat(b.host().content(Installations.STAMP)).as("the new release stamped its version").contains("6.0.3\n");
        assertThat(b.host().databases()).as("and migrated the databases").isNotEqualTo(b.databases());
        Journal.Unfinished u = Journal.unfinished(b.host(), plan.runDir(), DIR).orElseThrow();
        assertThat(u.stepsDone()).endsWith("start");

        Optional<Runner.Result> r = new Recovery(b.host(), RunMode.LIVE, new Interruption()).recover(List.of(u), request(),
                () -> inspect(b.host()), (run, steps) -> steps.stream().anyMatch(s -> s.kind() == StepId.RESTORE_DATABASE), Reporter.NONE);

        assertThat(r).as(r.map(Runner.Result::message).orElse("")).isEmpty();
        assertBackAsBefore(b);
        assertThat(lastJournalLine(b.host(), plan)).contains(" END ROLLED_BACK ");
    }

    /** Declined, the recovery of a cut-off upgrade changes nothing and names the command that finishes it, with the databases. */
    @Test
    void aDeclinedRecoveryOfAnUpgradeNamesTheDatabaseRestore() {
        Before b = Before.take();
        MigrationPlan plan = plan(b.host());
        try {
            new Runner(new KilledAfter(b.host(), c -> c instanceof FileEdit.SetEnvValue), new Interruption()).run(plan, Reporter.NONE);
        } catch (Killed expected) {
            // the process is gone
        }
        Journal.Unfinished u = Journal.unfinished(b.host(), plan.runDir(), DIR).orElseThrow();
        assertThat(u.stackTouched()).isTrue();
        List<Change> before = b.host().applied();

        Optional<Runner.Result> r = new Recovery(b.host(), RunMode.LIVE, new Interruption()).recover(List.of(u), request(),
                () -> inspect(b.host()), (run, steps) -> false, Reporter.NONE);

        assertThat(r).map(Runner.Result::outcome).contains(Outcome.REFUSED);
        assertThat(r.orElseThrow().message()).contains("nothing was changed").endsWith(" --backup " + plan.runDir().getFileName()
                + " --yes --restore-database");
        assertThat(b.host().applied()).isEqualTo(before);
    }
}

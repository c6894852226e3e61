package seatablemigrate.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.ForwardingHostBackend;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;
import seatablemigrate.core.testing.ToldReporter;

/**
 * A run killed at every change (as by kill -9 or a lost session: no rollback, the journal cut off there), in both
 * directions, and the next run's recovery of it: a run cut off before it touched the installation is closed as
 * abandoned with nothing changed; one whose target already runs healthily is closed as done; every other one is rolled
 * back, after asking, to the edition its backup saved, with .env and the license byte for byte; declined, nothing
 * changes; without a readable manifest it needs attention; a dry-run only warns.
 */
class RecoveryTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path LICENSE = Path.of("/root/seatable-license.txt");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    /** What kill -9 does to the runner: it stops at once, nothing of it runs on. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** The host under a run that is killed just before its {@code n}-th change (0-based). */
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

    private static Edition other(Edition e) {
        return e == Edition.ENTERPRISE ? Edition.DEVELOPER : Edition.ENTERPRISE;
    }

    private static FakeHost host(Edition from) {
        return Installations.host(from, DIR).file(LICENSE, Installations.LICENSE);
    }

    private static MigrationRequest request(Edition to) {
        return MigrationRequest.builder(DIR, to).version(Optional.of(Installations.version(to)))
                .licenseFile(to == Edition.ENTERPRISE ? Optional.of(LICENSE) : Optional.empty()).backupRoot(Path.of("/opt/seatable-backup"))
                .healthTimeout(Duration.ofSeconds(1)).build();
    }

    /** What the inspector would see now on the fake host. */
    private static Installation now(FakeHost host) {
        Optional<String> running = host.runningImage();
        for (Edition e : Edition.values()) {
            if (running.equals(Optional.of(Installations.image(e)))) {
                return Installations.running(e, DIR);
            }
        }
        Edition configured = host.content(DIR.resolve(Installation.ENV_FILE)).orElseThrow().contains(Installations.image(Edition.ENTERPRISE))
                ? Edition.ENTERPRISE : Edition.DEVELOPER;
        return Installations.stopped(configured, DIR);
    }

    static Stream<Arguments> everyKill() {
        List<Arguments> out = new ArrayList<>();
        for (Edition from : Edition.values()) {
            FakeHost host = host(from);
            MigrationPlan plan = new Planner(host, CLOCK).plan(Installations.running(from, DIR), request(other(from)));
            int changes = plan.steps().stream().mapToInt(s -> s.changes().size()).sum();
            // Killed at every change, and killed in the journal's own writes between them (the runner writes through apply too).
            for (int n = 0; n < changes * 3; n++) {
                out.add(Arguments.of(from, n));
            }
        }
        return out.stream();
    }

    private record Killing(FakeHost host, MigrationPlan plan, Optional<Journal.Unfinished> unfinished, String envBefore, Optional<String> licenseBefore) {}

    private static Killing kill(Edition from, int n) {
        FakeHost host = host(from);
        MigrationPlan plan = new Planner(host, CLOCK).plan(Installations.running(from, DIR), request(other(from)));
        String envBefore = host.content(DIR.resolve(Installation.ENV_FILE)).orElseThrow();
        Optional<String> licenseBefore = host.content(DIR.resolve(Installation.LICENSE_FILE));
        try {
            new Runner(new KilledAt(host, n), new Interruption()).run(plan, Reporter.NONE);
        } catch (Killed expected) {
            // the process is gone
        }
        return new Killing(host, plan, Journal.unfinished(host, plan.runDir(), DIR), envBefore, licenseBefore);
    }

    @ParameterizedTest(name = "{0}: killed before write {1}, then recovered")
    @MethodSource("everyKill")
    void theNextRunResolvesARunKilledAnywhere(Edition from, int n) {
        Killing k = kill(from, n);
        if (k.unfinished().isEmpty()) {
            // Killed before the journal began, or after it ended: nothing to recover, and the host is in a consistent state.
            assertThat(k.host().runningImage()).as("killed outside a journal: SeaTable runs").isPresent();
            return;
        }
        Journal.Unfinished u = k.unfinished().get();
        List<String> asked = new ArrayList<>();
        Optional<Runner.Result> r = new Recovery(k.host(), RunMode.LIVE, new Interruption()).recover(List.of(u), request(other(from)),
                () -> now(k.host()), (run, steps) -> {
                    asked.add(run.runDir().toString());
                    return true;
                }, Reporter.NONE);

        assertThat(r).as("every cut-off run is resolved").isEmpty();
        String journal = k.host().content(k.plan().runDir().resolve(RunFolder.JOURNAL)).orElseThrow();
        String end = journal.strip().lines().reduce((a, b) -> b).orElseThrow();
        Optional<String> running = k.host().runningImage();
        if (!u.stackTouched()) {
            assertThat(end).contains(" END ABANDONED ");
            assertThat(asked).as("nothing to ask: nothing is changed").isEmpty();
            assertThat(k.host().content(DIR.resolve(Installation.ENV_FILE))).contains(k.envBefore());
            assertThat(running).contains(Installations.image(from));
        } else if (running.equals(Optional.of(Installations.image(other(from)))) && asked.isEmpty()) {
            assertThat(end).as("the switch had completed").contains(" END DONE ");
        } else {
            assertThat(asked).containsExactly(u.runDir().toString());
            assertThat(end).contains(" END ROLLED_BACK ");
            assertThat(running).as("back on the saved edition").contains(Installations.image(from));
            assertThat(k.host().content(DIR.resolve(Installation.ENV_FILE))).contains(k.envBefore());
            assertThat(k.host().content(DIR.resolve(Installation.LICENSE_FILE))).isEqualTo(k.licenseBefore());
        }
        assertThat(Journal.unfinished(k.host(), k.plan().runDir(), DIR)).as("resolved for good").isEmpty();
    }

    @ParameterizedTest(name = "{0}: recovery declined, or a dry-run")
    @MethodSource("directions")
    void declinedOrDryRunRecoveryChangesNothing(Edition from) {
        Killing k = killedMidSwitch(from);
        Journal.Unfinished u = k.unfinished().orElseThrow();
        List<Change> before = List.copyOf(k.host().applied());

        Optional<Runner.Result> declined = new Recovery(k.host(), RunMode.LIVE, new Interruption()).recover(List.of(u), request(other(from)),
                () -> now(k.host()), (run, steps) -> false, Reporter.NONE);
        assertThat(declined).map(Runner.Result::outcome).contains(Outcome.REFUSED);
        assertThat(declined.orElseThrow().message()).contains("nothing was changed").contains("rollback");

        ToldReporter told = new ToldReporter();
        Optional<Runner.Result> dry = new Recovery(k.host(), RunMode.recording(new Recorder()), new Interruption()).recover(List.of(u),
                request(other(from)), () -> now(k.host()), (run, steps) -> true, told);
        assertThat(dry).isEmpty();
        assertThat(told.warnings).singleElement().asString().contains("this dry-run does not record that");
        assertThat(k.host().applied()).as("neither changed anything").isEqualTo(before);
        assertThat(Journal.unfinished(k.host(), k.plan().runDir(), DIR)).as("still unfinished").isPresent();
    }

    @ParameterizedTest(name = "{0}: no readable manifest")
    @MethodSource("directions")
    void withoutAManifestRecoveryNeedsAttention(Edition from) {
        Killing k = killedMidSwitch(from);
        k.host().file(k.plan().runDir().resolve(RunFolder.MANIFEST), "{ not json");
        Optional<Runner.Result> r = new Recovery(k.host(), RunMode.LIVE, new Interruption()).recover(List.of(k.unfinished().orElseThrow()),
                request(other(from)), () -> now(k.host()), (run, steps) -> true, Reporter.NONE);
        assertThat(r).map(Runner.Result::outcome).contains(Outcome.NEEDS_ATTENTION);
        assertThat(r.orElseThrow().message()).contains("no readable manifest").contains(k.plan().runDir().toString());
    }

    /** Killed at the first write after the installation was touched, before the target ran. */
    private static Killing killedMidSwitch(Edition from) {
        for (int n = 0; n < 500; n++) {
            Killing k = kill(from, n);
            if (k.unfinished().map(Journal.Unfinished::stackTouched).orElse(false)
                    && !k.host().runningImage().equals(Optional.of(Installations.image(other(from))))) {
                return k;
            }
        }
        throw new AssertionError("no write of the switch leaves it mid-way");
    }

    static Stream<Edition> directions() {
        return Stream.of(Edition.values());
    }
}

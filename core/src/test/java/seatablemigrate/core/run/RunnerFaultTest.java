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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/**
 * A failure injected at every change of a switch, in both directions, as the tool's own exception and as a foreign
 * one (a parse error, an overflow): before the stack is touched the run ends with nothing changed (exit 3); after,
 * it rolls back and proves the previous edition healthy with {@code .env} and the license restored byte for byte.
 */
class RunnerFaultTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path LICENSE = Path.of("/root/seatable-license.txt");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    static Stream<Arguments> everyChange() {
        List<Arguments> out = new ArrayList<>();
        for (Edition from : Edition.values()) {
            MigrationPlan plan = plan(host(from), from);
            List<Change> changes = plan.steps().stream().flatMap(s -> s.changes().stream()).toList();
            for (int i = 0; i < changes.size(); i++) {
                for (String kind : List.of("own", "foreign")) {
                    out.add(Arguments.of(from, i, kind));
                }
            }
        }
        return out.stream();
    }

    private static FakeHost host(Edition from) {
        return Installations.host(from, DIR).file(LICENSE, Installations.LICENSE);
    }

    private static MigrationPlan plan(FakeHost host, Edition from) {
        Edition to = from == Edition.ENTERPRISE ? Edition.DEVELOPER : Edition.ENTERPRISE;
        var req = MigrationRequest.builder(DIR, to).version(Optional.of(Installations.version(to)))
                .licenseFile(to == Edition.ENTERPRISE ? Optional.of(LICENSE) : Optional.empty()).backupRoot(Path.of("/opt/seatable-backup"))
                .healthTimeout(Duration.ofSeconds(1)).build();
        MigrationPlan plan = new Planner(host, CLOCK).plan(Installations.running(from, DIR), req);
        assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
        return plan;
    }

    @ParameterizedTest(name = "{0}: failure at change {1} ({2})")
    @MethodSource("everyChange")
    void aFailureAtAnyChangeEndsConsistently(Edition from, int index, String kind) {
        FakeHost host = host(from);
        MigrationPlan plan = plan(host, from);
        List<Change> changes = plan.steps().stream().flatMap(s -> s.changes().stream()).toList();
        Change failing = changes.get(index);
        boolean stackTouched = plan.steps().stream().filter(s -> s.changes().contains(failing)).findFirst().orElseThrow().changesStack();
        String envBefore = host.content(DIR.resolve(Installation.ENV_FILE)).orElseThrow();
        Optional<String> licenseBefore = host.content(DIR.resolve(Installation.LICENSE_FILE));
        host.failWhen(failing::equals, kind.equals("own") ? new ChangeFailedException("disk full")
                : new IllegalArgumentException("line 3: expected KEY=VALUE"));

        Runner.Result r = new Runner(host, new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(stackTouched ? Outcome.ROLLED_BACK : Outcome.FAILED_UNCHANGED);
        assertThat(r.message()).contains(stackTouched ? "rolled back" : "nothing was changed");
        assertThat(host.content(DIR.resolve(Installation.ENV_FILE))).contains(envBefore);
        assertThat(host.content(DIR.resolve(Installation.LICENSE_FILE))).isEqualTo(licenseBefore);
        assertThat(host.runningImage()).contains(Installations.image(from));
        // The journal starts once the run folder exists: after the pull and the step that creates it.
        StepId failingStep = plan.steps().stream().filter(s -> s.changes().contains(failing)).findFirst().orElseThrow().kind();
        boolean beforeJournal = failingStep == StepId.PULL || failingStep == StepId.PREPARE;
        if (!beforeJournal) {
            String journal = host.content(plan.runDir().resolve(RunFolder.JOURNAL)).orElseThrow();
            assertThat(journal.strip().lines().reduce((a, b) -> b).orElseThrow()).endsWith("END " + r.outcome().name());
        }
    }

    static Stream<Arguments> everyChangeAndStop() {
        List<Arguments> out = new ArrayList<>();
        for (Edition from : Edition.values()) {
            int changes = (int) plan(host(from), from).steps().stream().mapToLong(s -> s.changes().size()).sum();
            for (int i = 0; i < changes; i++) {
                for (Outcome as : List.of(Outcome.INTERRUPTED, Outcome.TERMINATED)) {
                    out.add(Arguments.of(from, i, as));
                }
            }
        }
        return out.stream();
    }

    /**
     * Ctrl-C and SIGTERM stop at the same consistent point: the step under way ends, nothing further starts, a touched
     * stack is rolled back and proven; only the outcome (130 or 143), its words and the journal's end differ.
     */
    @ParameterizedTest(name = "{0}: {2} during change {1}")
    @MethodSource("everyChangeAndStop")
    void aStopRequestDuringAnyChangeEndsConsistentlyAsItsSignalSays(Edition from, int index, Outcome as) {
        FakeHost host = host(from);
        MigrationPlan plan = plan(host, from);
        List<Change> changes = plan.steps().stream().flatMap(s -> s.changes().stream()).toList();
        Change during = changes.get(index);
        Step step = plan.steps().stream().filter(s -> s.changes().contains(during)).findFirst().orElseThrow();
        boolean lastStep = step.equals(plan.steps().get(plan.steps().size() - 1));
        String envBefore = host.content(DIR.resolve(Installation.ENV_FILE)).orElseThrow();
        Interruption interruption = new Interruption();
        // The signal arrives while this change runs (the predicate is asked as the change starts; it fails nothing).
        host.failWhen(c -> {
            if (c.equals(during)) {
                interruption.request(as);
            }
            return false;
        }, new ChangeFailedException("never"));

        Runner.Result r = new Runner(host, interruption).run(plan, Reporter.NONE);

        if (lastStep) {
            assertThat(r.outcome()).as("a stop during the last step lets it finish").isEqualTo(Outcome.DONE);
            return;
        }
        assertThat(r.outcome()).as(r.message()).isEqualTo(as);
        assertThat(host.content(DIR.resolve(Installation.ENV_FILE))).contains(envBefore);
        assertThat(host.runningImage()).contains(Installations.image(from));
        assertThat(r.outcome().exitCode()).isEqualTo(as == Outcome.TERMINATED ? 143 : 130);
        assertThat(r.message()).contains(as == Outcome.TERMINATED ? "terminated (SIGTERM)" : "interrupted (Ctrl-C)");
        if (step.kind() != StepId.PULL) {
            String journal = host.content(plan.runDir().resolve(RunFolder.JOURNAL)).orElseThrow();
            assertThat(journal.strip().lines().reduce((a, b) -> b).orElseThrow()).endsWith("END " + as.name());
        }
    }

    @ParameterizedTest(name = "{0}: the rollback's own start fails")
    @MethodSource("directions")
    void aFailedRollbackNeedsAttentionAndSaysWhere(Edition from) {
        FakeHost host = host(from);
        MigrationPlan plan = plan(host, from);
        // The switch's start fails, then the rollback's start fails too.
        host.failWhen(c -> c instanceof EngineChange.Compose comp && comp.args().get(0).equals("up"), new ChangeFailedException("engine gone"), 2);

        Runner.Result r = new Runner(host, new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).isEqualTo(Outcome.NEEDS_ATTENTION);
        assertThat(r.message()).contains("rollback failed at 'rollback-start'").contains(plan.runDir().resolve("config").toString());
        String journal = host.content(plan.runDir().resolve(RunFolder.JOURNAL)).orElseThrow();
        assertThat(journal.strip().lines().reduce((a, b) -> b).orElseThrow()).endsWith("END NEEDS_ATTENTION");
    }

    @ParameterizedTest(name = "{0}: the disk fills up at the .env edit")
    @MethodSource("directions")
    void aFullDiskAtTheEnvEditLeavesEnvAsItWasAndTheRollbackNeedsNoWrite(Edition from) {
        FakeHost host = host(from);
        MigrationPlan plan = plan(host, from);
        Path env = DIR.resolve(Installation.ENV_FILE);
        String envBefore = host.content(env).orElseThrow();
        // Every write of .env fails, as on a full disk; the rollback's restore finds the bytes unchanged and writes nothing.
        host.failWhen(c -> c instanceof FileEdit.SetEnvValue || (c instanceof FileChange.CopyFile copy && copy.target().equals(env)),
                new ChangeFailedException("write .env: No space left on device"), 10);

        Runner.Result r = new Runner(host, new Interruption()).run(plan, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(host.content(env)).contains(envBefore);
        assertThat(host.runningImage()).contains(Installations.image(from));
    }

    static Stream<Edition> directions() {
        return Stream.of(Edition.values());
    }
}

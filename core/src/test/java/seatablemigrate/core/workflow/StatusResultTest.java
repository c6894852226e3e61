package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.EngineAnswer;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.testing.Installations;

/** How 'status' ends for what it observed (or what a copy says), and how it warns of unresolved runs. */
class StatusResultTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");

    private static Status status(Installation i, Journal.Unfinished... unfinished) {
        return new Status(i, CompletableFuture.completedFuture(List.of()), CompletableFuture.completedFuture(List.of(unfinished)));
    }

    private static Installation with(Installation i, EngineAnswer engine, Optional<Edition> edition, List<String> problems) {
        return new Installation(i.composeDir(), engine, i.composeCli(), i.env(), i.envMode(), i.composeFiles(), i.composeFileSums(),
                i.seatableService(), i.configuredImage(), i.imageFollowsEnv(), i.containers(), i.seatable(), i.serverInfo(), i.recordedVersion(),
                i.license(), i.strayLicenseDirs(), i.licenseMounted(), i.database(),
                new Installation.DecidedState(edition, i.state().version(), List.of(), List.of()), problems);
    }

    @Test
    void aHealthyInstallationIsDoneNamingWhatRunsAndHow() {
        assertThat(status(Installations.running(Edition.DEVELOPER, DIR)).result())
                .isEqualTo(new Runner.Result(Outcome.DONE, "SeaTable: Developer Edition 5.3.0, healthy"));
        assertThat(status(Installations.stopped(Edition.ENTERPRISE, DIR)).result())
                .isEqualTo(new Runner.Result(Outcome.DONE, "SeaTable: Enterprise Edition 5.3.4, not running"));
    }

    @Test
    void aSilentEngineOrAProblemIsRefused() {
        Installation running = Installations.running(Edition.DEVELOPER, DIR);
        assertThat(status(with(running, EngineAnswer.silent("no socket"), Optional.empty(), List.of("the engine is gone"))).result())
                .isEqualTo(new Runner.Result(Outcome.REFUSED, "the Docker engine does not answer (see above): containers, health, /server-info/"
                        + " and the database are not observed"));
        assertThat(status(with(running, running.engine(), Optional.empty(), List.of("a", "b"))).result())
                .isEqualTo(new Runner.Result(Outcome.REFUSED, "a; b"));
    }

    @Test
    void aCopyIsWhatItSays() {
        Installation copy = Installations.running(Edition.ENTERPRISE, DIR);
        assertThat(Status.ofCopy(copy)).isEqualTo(new Runner.Result(Outcome.DONE,
                "the copy says: Enterprise Edition 5.3.4 (offline: containers, health and the database are not observed)"));
        assertThat(Status.ofCopy(with(copy, copy.engine(), Optional.empty(), List.of()))).isEqualTo(new Runner.Result(Outcome.DONE,
                "the copy says: edition unknown (offline: containers, health and the database are not observed)"));
        assertThat(Status.ofCopy(with(copy, copy.engine(), Optional.empty(), List.of(".env cannot be read")))).isEqualTo(
                new Runner.Result(Outcome.REFUSED, ".env cannot be read"));
    }

    @Test
    void eachUnresolvedRunIsAWarningThatSaysWhatResolvesIt() {
        Journal.Unfinished cut = new Journal.Unfinished(Path.of("/b/r1"), DIR, List.of("backup"), List.of("backup", "stop"), List.of(), false);
        Journal.Unfinished failed = new Journal.Unfinished(Path.of("/b/r2"), DIR, List.of(), List.of("stop"), List.of("rollback failed"), true);

        assertThat(status(Installations.running(Edition.DEVELOPER, DIR), cut, failed).unfinishedRunWarnings()).containsExactly(
                "interrupted run /b/r1 (run r1 was cut off; steps done: backup); the next 'migrate' or 'rollback' completes or rolls it back",
                "unresolved run /b/r2 (run r2 ended NEEDS ATTENTION; steps done: none; failed: rollback failed); the next 'migrate' or 'rollback'"
                        + " completes or rolls it back");
    }
}

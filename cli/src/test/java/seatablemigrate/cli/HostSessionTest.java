package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.backend.dryrun.RecordingHostBackend;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.ConnectionOptions;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.ProgressListener;

/**
 * The CLI's injector: one per command on one host. A dry-run's host records into the recorder its run mode names (one
 * instance, from the injector); sessions share nothing, so the hosts of a fleet, each run as its own command in this
 * process, get their own stop request and recorder.
 */
class HostSessionTest {
    @TempDir
    Path dir;

    @Test
    void aDryRunsHostRecordsIntoTheRecorderOfItsRunMode() throws Exception {
        Path file = dir.resolve("new.txt");
        Change write = new FileChange.WriteFile(file, "x\n".getBytes(StandardCharsets.UTF_8), 0600);
        try (HostSession session = HostSession.open("local", ConnectionOptions.NONE, true)) {
            session.host().apply(write, Duration.ofSeconds(5), ProgressListener.NONE);

            assertThat(session.host()).isInstanceOf(RecordingHostBackend.class);
            assertThat(session.mode().recorder().orElseThrow().entries()).containsExactly(new Recorder.Applied(write));
            assertThat(session.workflow()).isSameAs(session.workflow());
        }
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void aLiveSessionHasTheLiveBackendAndEverySessionItsOwnStopRequest() {
        try (HostSession first = HostSession.live("local", ConnectionOptions.NONE);
             HostSession second = HostSession.open("local", ConnectionOptions.NONE, true)) {
            assertThat(first.mode()).isSameAs(RunMode.LIVE);
            assertThat(first.host()).isNotInstanceOf(RecordingHostBackend.class);
            first.interruption().request();

            assertThat(first.interruption().requested()).isTrue();
            assertThat(second.interruption().requested()).isFalse();
            assertThat(second.mode().recorder()).isPresent();
        }
    }
}

package seatablemigrate.backend.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.workflow.CoreModule;

/**
 * A dry-run assembled by Guice: the host everyone gets records into the injector's one recorder, the same one the run
 * mode records into, and the live backend underneath is read, never changed.
 */
class DryRunBackendModuleTest {
    private final FakeHost live = new FakeHost(Path.of("/opt/seatable-compose"));
    private final Injector injector = Guice.createInjector(new CoreModule(), new DryRunBackendModule(new AbstractModule() {
        @Override
        protected void configure() {
            bind(HostBackend.class).toInstance(live);
        }
    }));

    @Test
    void theHostAndTheRunModeShareOneRecorder() {
        HostBackend host = injector.getInstance(HostBackend.class);
        Change write = new FileChange.WriteFile(Path.of("/opt/seatable-compose/new.txt"), "x\n".getBytes(StandardCharsets.UTF_8), 0600);

        host.apply(write, Duration.ofSeconds(5), ProgressListener.NONE);

        assertThat(host).isInstanceOf(RecordingHostBackend.class).isSameAs(injector.getInstance(HostBackend.class));
        RunMode mode = injector.getInstance(RunMode.class);
        assertThat(mode.dryRun()).isTrue();
        assertThat(mode.recorder()).containsSame(injector.getInstance(Recorder.class));
        assertThat(mode.recorder().orElseThrow().entries()).containsExactly(new Recorder.Applied(write));
        assertThat(live.applied()).isEmpty();
    }

    @Test
    void readsPassThroughToTheLiveBackend() {
        live.file(Path.of("/opt/seatable-compose/.env"), "SEATABLE_IMAGE=a:1\n");

        assertThat(injector.getInstance(HostBackend.class).readFile(Path.of("/opt/seatable-compose/.env")))
                .hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("SEATABLE_IMAGE=a:1\n"));
    }
}

package seatablemigrate.backend.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import seatablemigrate.backend.local.LocalHostBackend;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.spi.AbstractHostBackendContractTest;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.LockHeldException;
import seatablemigrate.core.spi.ProgressListener;

/**
 * The recording backend keeps the whole read contract of the backend it wraps (the shared suite, run through it),
 * and differs only where it says: changes are recorded, not made, and no lock is taken.
 */
class RecordingBackendContractIT extends AbstractHostBackendContractTest {
    private final Recorder recorder = new Recorder();

    @Override
    protected HostBackend backend() {
        return new RecordingHostBackend(new LocalHostBackend(), recorder);
    }

    @Override
    protected boolean performsChanges() {
        return false;
    }

    @Test
    void changesAreRecordedInOrderAndNothingChanges() throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "SEATABLE_IMAGE=a:1\n");
        Change set = new FileEdit.SetEnvValue(env, "SEATABLE_IMAGE", "b:2");
        Change write = new FileChange.WriteFile(dir.resolve("new.txt"), "x\n".getBytes(StandardCharsets.UTF_8), 0600);
        Change failing = new FileChange.CopyFile(dir.resolve("missing"), dir.resolve("target"), 0600);

        for (Change c : List.of(set, write, failing)) {
            host().apply(c, Duration.ofSeconds(5), ProgressListener.NONE);
        }

        assertThat(recorder.entries()).containsExactly(new Recorder.Applied(set), new Recorder.Applied(write), new Recorder.Applied(failing));
        assertThat(Files.readString(env)).isEqualTo("SEATABLE_IMAGE=a:1\n");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly(".env");
        }
    }

    @Test
    void noLockIsTakenSoAHeldLockDoesNotStopADryRun() throws Exception {
        Path lock = dir.resolve("locks/test.lock");
        try (HostBackend live = new LocalHostBackend()) {
            HostLock held = live.lock(lock, "a live run");
            try {
                HostLock dryRun = host().lock(lock, "dry-run");
                assertThat(Files.readString(lock.resolveSibling("test.lock.owner"))).as("the owner file still names the live run")
                        .contains("a live run").doesNotContain("dry-run");
                dryRun.close();
                assertThatThrownBy(() -> live.lock(lock, "another live run")).as("closing the dry-run's lock released nothing")
                        .isInstanceOf(LockHeldException.class).hasMessageContaining("a live run");
            } finally {
                held.close();
            }
        }
        Path free = dir.resolve("free/test.lock");
        host().lock(free, "dry-run").close();
        assertThat(free.getParent()).as("no lock file, no folder for it").doesNotExist();
        assertThat(recorder.entries()).as("a lock is no change").isEmpty();
    }
}

package seatablemigrate.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.ProgressListener;

/**
 * Removing a backup folder cannot be redirected: while the local backend removes it, a folder inside is swapped for a
 * symlink to another folder with the same names, again and again. Whatever the removal gets to (all, part, or a
 * refusal), nothing outside the folder is removed.
 */
class RemoveDirectoryRaceTest {
    private static final int FILES = 60;

    @TempDir
    Path tmp;

    @Test
    void aSymlinkSwappedInDuringTheRemovalRemovesNothingOutside() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(outside.resolve("f-" + i), "keep me\n");
        }
        LocalHostBackend local = new LocalHostBackend();
        for (int round = 0; round < 60; round++) {
            Path run = Files.createDirectory(tmp.resolve("run-" + round));
            Path sub = Files.createDirectory(run.resolve("sub"));
            Path moved = run.resolve("moved");
            for (int i = 0; i < FILES; i++) {
                Files.writeString(sub.resolve("f-" + i), "x");
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread swapper = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        Files.move(sub, moved);
                        Files.createSymbolicLink(sub, outside);
                        Thread.onSpinWait();
                        Files.delete(sub);
                        Files.move(moved, sub);
                    } catch (java.io.IOException e) {
                        return; // the removal took part of it away: this round's race is over
                    }
                }
            });
            swapper.start();
            try {
                local.apply(new FileChange.RemoveDirectory(run), Duration.ofSeconds(10), ProgressListener.NONE);
            } catch (MigrateException e) {
                // refusing, or stopping at a symlink where a folder was, is fine; following it is not
            } finally {
                stop.set(true);
                swapper.join(TimeUnit.SECONDS.toMillis(10));
            }
            try (var left = Files.list(outside)) {
                assertThat(left.count()).as("files outside the folder after round " + round).isEqualTo(FILES);
            }
            assertThat(Files.isDirectory(outside, LinkOption.NOFOLLOW_LINKS)).isTrue();
            Process rm = new ProcessBuilder("rm", "-rf", "--", run.toString()).start();
            assertThat(rm.waitFor()).isZero();
        }
    }
}

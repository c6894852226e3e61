package seatablemigrate.backend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostLock;
import seatablemigrate.core.spi.LockHeldException;
import seatablemigrate.core.testing.OtherUser;

/**
 * The run lock on this machine, with another user ({@code nobody}) planting what it can: the lock's folder must be
 * the tool's own (owned by it, writable by nobody else), nothing in it is followed when it is a symlink, and a file of
 * another user is named, never waited on. Every path is under a temporary folder.
 */
class LocalLockTest {
    @TempDir
    Path tmp;
    private Path secret;
    private final LocalHostBackend host = new LocalHostBackend();

    @BeforeEach
    void rootsFile() throws Exception {
        // nobody may pass through the test's folder (as through / to /run/lock), not write to it
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        secret = tmp.resolve("root-only");
        Files.createDirectory(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(secret.resolve("shadow"), "root's secret\n");
    }

    private Path folder(String name, String mode) throws Exception {
        Path d = Files.createDirectory(tmp.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(mode));
        return d;
    }

    @Test
    void aSymlinkPlantedInASharedLockFolderChangesNothingAndTheRunIsRefused() throws Exception {
        assumeTrue(OtherUser.canPlant(), "needs root to act as nobody");
        Path shared = folder("lock", "rwxrwxrwx");
        Files.setAttribute(shared, "unix:mode", 01777); // as /run/lock is
        Path lock = shared.resolve("seatable-migrate-x.lock");
        OtherUser.symlink(HostLock.ownerFile(lock), secret.resolve("shadow"));
        OtherUser.symlink(lock, secret.resolve("nologin"));

        assertThatThrownBy(() -> host.lock(lock, "test run").close()).isInstanceOf(MigrateException.class)
                .isNotInstanceOf(LockHeldException.class).hasMessageContaining(shared.toString()).hasMessageContaining("writable");

        assertThat(Files.readString(secret.resolve("shadow"))).isEqualTo("root's secret\n");
        assertThat(secret.resolve("nologin")).doesNotExist();
    }

    @Test
    void aSymlinkAtTheLockOrItsOwnerFileInTheToolsOwnFolderIsRefused() throws Exception {
        assumeTrue(OtherUser.canPlant(), "needs root to give a symlink away");
        Path own = folder("own", "rwx------");
        Path lock = own.resolve("seatable-migrate-x.lock");
        Files.createSymbolicLink(HostLock.ownerFile(lock), secret.resolve("shadow"));
        OtherUser.own(HostLock.ownerFile(lock));

        assertThatThrownBy(() -> host.lock(lock, "test run").close()).isInstanceOf(MigrateException.class)
                .hasMessageContaining(HostLock.ownerFile(lock).toString()).hasMessageContaining("symlink");
        assertThat(Files.readString(secret.resolve("shadow"))).isEqualTo("root's secret\n");

        Files.delete(HostLock.ownerFile(lock));
        Files.createSymbolicLink(lock, secret.resolve("nologin"));
        assertThatThrownBy(() -> host.lock(lock, "test run").close()).isInstanceOf(MigrateException.class)
                .hasMessageContaining(lock.toString()).hasMessageContaining("symlink");
        assertThat(secret.resolve("nologin")).doesNotExist();
        assertThat(HostLock.ownerFile(lock)).doesNotExist();
    }

    @Test
    void aLockFolderOfAnotherUserOrWritableByItsGroupIsRefused() throws Exception {
        assumeTrue(OtherUser.canPlant(), "needs root to give a folder away");
        Path foreign = folder("foreign", "rwx------");
        OtherUser.own(foreign);
        assertThatThrownBy(() -> host.lock(foreign.resolve("x.lock"), "test run").close()).isInstanceOf(MigrateException.class)
                .hasMessageContaining(foreign.toString()).hasMessageContaining("uid " + OtherUser.UID);
        assertThat(foreign.resolve("x.lock")).doesNotExist();

        Path group = folder("group", "rwxrwx---");
        assertThatThrownBy(() -> host.lock(group.resolve("x.lock"), "test run").close()).isInstanceOf(MigrateException.class)
                .hasMessageContaining(group.toString()).hasMessageContaining("writable");
    }

    @Test
    void aLockFileOfAnotherUserIsNamedAsSuchAndNotWaitedOn() throws Exception {
        assumeTrue(OtherUser.canPlant(), "needs root to give a file away");
        Path own = folder("own", "rwx------");
        Path lock = own.resolve("seatable-migrate-x.lock");
        Files.createFile(lock);
        OtherUser.own(lock);
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "60").start();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> host.lock(lock, "test run").close()).isInstanceOf(MigrateException.class)
                    .hasMessageContaining(lock.toString()).hasMessageContaining("uid " + OtherUser.UID);
            assertThat(System.nanoTime() - start).as("refused at once").isLessThan(5_000_000_000L);
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void aMissingLockFolderIsCreatedForTheToolAloneAndASecondRunIsToldWhoHoldsIt() throws Exception {
        Path lock = tmp.resolve("run-seatable-migrate").resolve("seatable-migrate-x.lock");
        HostLock held = host.lock(lock, "first run");
        try {
            assertThat(new LocalFiles().stat(lock.getParent()).map(FileStat::mode)).hasValue(0700);
            assertThat(Files.isSymbolicLink(lock)).isFalse();
            assertThatThrownBy(() -> host.lock(lock, "second run")).isInstanceOf(LockHeldException.class)
                    .hasMessageContaining("another seatable-migrate run holds " + lock).hasMessageContaining("first run");
        } finally {
            held.close();
        }
        host.lock(lock, "third run").close();
        assertThat(Files.exists(lock, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}

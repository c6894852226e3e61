package seatablemigrate.core.runfolder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.OtherUser;

/** The host's pointer to a project's last run is state of the tool's own: never written through a symlink, never read from another user's folder. */
class RunPointerTest {
    private static final Path COMPOSE = Path.of("/opt/seatable-compose");
    private static final Path RUN = Path.of("/opt/seatable-backup/20261130-100000-to-developer");

    @TempDir
    Path tmp;

    /** The pointer's changes as a run's prepare step (and its audit script) performs them. */
    private int write(Path state) throws Exception {
        String script = RunPointer.write(state, COMPOSE, RUN).stream().map(Change::shell).collect(Collectors.joining(" && "));
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void thePointerIsWrittenIntoAFolderOfTheToolsOwnAndNeverThroughASymlink() throws Exception {
        Assumptions.assumeTrue(OtherUser.canPlant(), "needs root to give files away");
        Path secret = tmp.resolve("shadow");
        Files.writeString(secret, "root's secret\n");

        Path state = tmp.resolve("state");
        assertThat(write(state)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        Path pointer = RunPointer.file(state, COMPOSE);
        assertThat(Files.readString(pointer)).isEqualTo(RUN + "\n");

        Files.delete(pointer);
        Files.createSymbolicLink(pointer, secret);
        OtherUser.own(pointer);
        assertThat(write(state)).isZero();
        assertThat(Files.readString(secret)).isEqualTo("root's secret\n");
        assertThat(Files.isSymbolicLink(pointer)).isFalse();
        assertThat(Files.readString(pointer, StandardCharsets.UTF_8)).isEqualTo(RUN + "\n");

        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777);
        Path planted = RunPointer.file(shared, COMPOSE);
        Files.createSymbolicLink(planted, secret);
        OtherUser.own(planted);
        assertThat(write(shared)).as("a folder every user may write to is not the tool's").isNotZero();
        assertThat(Files.readString(secret)).isEqualTo("root's secret\n");
        assertThat(Files.isSymbolicLink(planted)).isTrue();

        Path foreign = Files.createDirectory(tmp.resolve("foreign"));
        OtherUser.own(foreign);
        assertThat(write(foreign)).as("another user's folder").isNotZero();
        assertThat(Files.exists(RunPointer.file(foreign, COMPOSE), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aPointerIsReadOnlyFromTheToolsOwnFolderAndFile() {
        Path state = Path.of("/var/lib/seatable-migrate");
        FakeHost host = new FakeHost(COMPOSE).file(RunPointer.file(state, COMPOSE), RUN + "\n");
        assertThat(RunPointer.read(host, state, COMPOSE)).hasValue(RUN);

        host.owner(RunPointer.file(state, COMPOSE), OtherUser.UID);
        assertThat(RunPointer.read(host, state, COMPOSE)).as("another user's pointer").isEmpty();

        host.owner(RunPointer.file(state, COMPOSE), 0).owner(state, OtherUser.UID);
        assertThat(RunPointer.read(host, state, COMPOSE)).as("in another user's folder").isEmpty();

        FakeHost linked = new FakeHost(COMPOSE).file(Path.of("/tmp/elsewhere"), RUN + "\n").symlink(RunPointer.file(state, COMPOSE), Path.of("/tmp/elsewhere"));
        assertThat(RunPointer.read(linked, state, COMPOSE)).as("a symlink").isEmpty();
    }
}

package seatablemigrate.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second, unprivileged user of this machine ({@code nobody}, uid 65534) for tests that run as root (CI does): what it
 * plants in a shared folder, the tool must neither follow nor trust. Tests that need it {@code assumeTrue(OtherUser.canPlant())}.
 */
public final class OtherUser {
    public static final int UID = 65534;

    private OtherUser() {}

    /** Whether this test runs as root, so that it can act as another user and give files away. */
    public static boolean canPlant() {
        return Root.running();
    }

    /** Runs a command as nobody (setpriv, no supplementary groups); it must succeed. */
    public static void run(String... argv) throws Exception {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups"));
        command.addAll(List.of(argv));
        exec(command);
    }

    /** Plants a symlink at {@code link} as nobody: the folder must let nobody write. */
    public static void symlink(Path link, Path target) throws Exception {
        run("ln", "-s", "--", target.toString(), link.toString());
    }

    /** Gives a path (a symlink itself, not what it points to) and, for a folder, everything in it to nobody. */
    public static void own(Path path) throws Exception {
        exec(List.of("chown", "-h", "-R", UID + ":" + UID, "--", path.toString()));
    }

    private static void exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}

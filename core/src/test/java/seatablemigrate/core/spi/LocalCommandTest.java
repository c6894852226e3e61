package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated // measures time against deadlines: alone, whatever else the parallel unit tests run
class LocalCommandTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void outputBothStreamsAndTheExitCodeComeBack() {
        ExecResult r = LocalCommand.of(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), T).run();
        assertThat(r.exitCode()).hasValue(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void stdinIsTheGivenBytesElseEmpty() {
        assertThat(LocalCommand.of(List.of("cat"), T).withInput("secret\u00e4".getBytes(StandardCharsets.UTF_8)).run().stdout()).isEqualTo("secret\u00e4");
        assertThat(LocalCommand.of(List.of("cat"), T).run().stdout()).as("/dev/null, not the tool's terminal").isEmpty();
    }

    @Test
    void aLargeOutputOnBothStreamsDoesNotBlock() {
        ExecResult r = LocalCommand.of(List.of("sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo 0123456789; echo 0123456789 >&2; i=$((i+1)); done"), T).run();
        assertThat(r.exitCode()).hasValue(0);
        assertThat(r.stdout()).hasSize(220_000);
        assertThat(r.stderr()).hasSize(220_000);
    }

    @Test
    void anOutputLimitKeepsTheStartOfEachStreamAndStillLetsTheProcessFinish() {
        ExecResult r = LocalCommand.of(List.of("sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo 0123456789; echo abcdefghij >&2; i=$((i+1)); done"), T)
                .withOutputLimit(25).run();
        assertThat(r.exitCode()).hasValue(0);
        assertThat(r.stdout()).isEqualTo("0123456789\n0123456789\n012");
        assertThat(r.stderr()).isEqualTo("abcdefghij\nabcdefghij\nabc");
    }

    @Test
    void aProcessThatNeverReadsItsInputIsBoundedByTheTimeout() {
        long start = System.nanoTime();
        ExecResult r = LocalCommand.of(List.of("sleep", "30"), Duration.ofMillis(500)).withInput(new byte[1 << 20]).run();
        assertThat(r.exitCode()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    /** Run in a JVM of its own, whose environment the test chooses: prints the environment a child program gets. */
    public static final class EnvironmentProbe {
        private EnvironmentProbe() {}

        public static void main(String[] args) {
            System.out.print(LocalCommand.of(List.of("env"), T).run().stdout());
        }
    }

    @Test
    void childProgramsDoNotInheritTheToolsOwnSecrets() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EnvironmentProbe.class.getName()).redirectErrorStream(true);
        pb.environment().put("SEATABLE_MIGRATE_SSH_PASSPHRASE", "passphrase-of-the-key");
        pb.environment().put("SEATABLE_MIGRATE_REGISTRY_TOKEN", "token-of-the-tool");
        pb.environment().put("SEATABLE_MIGRATE_OUTPUT", "kept-1");
        // The user's own variables are what inventory plugins and credential helpers run on (cloud keys, the vault's
        // password file, the agent's socket): they stay.
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "kept-2");
        pb.environment().put("ANSIBLE_VAULT_PASSWORD_FILE", "kept-3");
        Process p = pb.start();
        String env = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(env).contains("SEATABLE_MIGRATE_OUTPUT=kept-1", "AWS_SECRET_ACCESS_KEY=kept-2", "ANSIBLE_VAULT_PASSWORD_FILE=kept-3")
                .doesNotContain("SEATABLE_MIGRATE_SSH_PASSPHRASE").doesNotContain("passphrase-of-the-key")
                .doesNotContain("SEATABLE_MIGRATE_REGISTRY_TOKEN").doesNotContain("token-of-the-tool");
    }

    @Test
    void theEnvironmentLosesWhatIsUnsetAndGainsWhatIsAdded() throws Exception {
        ExecResult r = LocalCommand.of(List.of("sh", "-c", "pwd; echo \"${HOME:-unset} $EXTRA\""), T).in(tmp)
                .withEnvironment(List.of("HOME"), Map.of("EXTRA", "x y")).run();
        assertThat(r.stdout()).isEqualTo(tmp.toRealPath() + "\nunset x y\n");
    }

    @Test
    void aMissingProgramIsExit127AndATimeoutKillsTheProcessAndItsChildren() throws Exception {
        assertThat(LocalCommand.of(List.of("no-such-program-" + ProcessHandle.current().pid()), T).run().exitCode()).hasValue(127);
        Path pidFile = tmp.resolve("child.pid");
        long start = System.nanoTime();
        ExecResult r = LocalCommand.of(List.of("sh", "-c", "sleep 60 & echo $! > '" + pidFile + "'; sleep 60"), Duration.ofMillis(500)).run();
        assertThat(r.exitCode()).isEmpty();
        assertThat(r.stderr()).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElse(null);
        if (child != null) {
            assertThat(child.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS).isAlive()).as("the background child is killed with its parent").isFalse();
        }
    }

    @Test
    void programsAreFoundAsAShellFindsThem() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("tool"), "not executable");
        Path exe = Files.writeString(b.resolve("tool"), "#!/bin/sh\n");
        exe.toFile().setExecutable(true);
        assertThat(LocalCommand.find("tool", List.of(a, b))).hasValue(exe);
        assertThat(LocalCommand.find("other", List.of(a, b))).isEmpty();
        assertThat(LocalCommand.find(exe.toString(), List.of())).hasValue(exe);
        assertThat(LocalCommand.onPath("sh")).isPresent();
    }
}

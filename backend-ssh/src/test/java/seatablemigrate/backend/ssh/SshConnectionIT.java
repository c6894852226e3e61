package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.Shell;

/** Against a real OpenSSH sshd (Debian 12: OpenSSH 9.2, which refuses SHA-1 RSA signatures) and ssh-agent. */
class SshConnectionIT {
    @TempDir
    Path dir;
    private TestSshd sshd;
    private Process agentProcess;

    @BeforeEach
    void start() throws Exception {
        for (String type : List.of("ed25519", "rsa")) {
            TestSshd.run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "agent-" + type, "-f", dir.resolve("id_" + type).toString());
        }
        TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "s3cret phrase", "-f", dir.resolve("id_file").toString());
        Path sshdDir = Files.createDirectory(dir.resolve("sshd"));
        sshd = TestSshd.start(sshdDir, List.of(dir.resolve("id_ed25519.pub"), dir.resolve("id_rsa.pub"), dir.resolve("id_file.pub")));
    }

    @AfterEach
    void stop() {
        sshd.close();
        if (agentProcess != null) {
            agentProcess.destroy();
        }
    }

    private SshAgent agentWith(String key) throws Exception {
        Path socket = dir.resolve("agent-" + key + ".sock");
        agentProcess = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        TestSshd.run("env", "SSH_AUTH_SOCK=" + socket, "ssh-add", "-q", dir.resolve(key).toString());
        return new SshAgent(socket);
    }

    private SshConnection.Options options(Optional<SshAgent> agent, List<Path> files, Passphrases passphrases) {
        return new SshConnection.Options(sshd.knownHosts, false, files, agent, Duration.ofSeconds(10), passphrases);
    }

    @Test
    void agentEd25519() throws Exception {
        try (SshConnection c = SshConnection.open(sshd.endpoint(), "root", options(Optional.of(agentWith("id_ed25519")), List.of(), Passphrases.none()))) {
            assertThat(c.run("echo hello", Duration.ofSeconds(10)).stdout()).isEqualTo("hello\n");
        }
    }

    @Test
    void agentRsaSignsWithSha2AgainstADefaultOpenSshServer() throws Exception {
        try (SshConnection c = SshConnection.open(sshd.endpoint(), "root", options(Optional.of(agentWith("id_rsa")), List.of(), Passphrases.none()))) {
            assertThat(c.run("id -un", Duration.ofSeconds(10)).stdout()).isEqualTo("root\n");
        }
    }

    @Test
    void encryptedKeyFileWithPassphrase() {
        try (SshConnection c = SshConnection.open(sshd.endpoint(), "root",
                options(Optional.empty(), List.of(dir.resolve("id_file")), Passphrases.of("s3cret phrase".toCharArray())))) {
            String tricky = "a b'c\"d$HOME`x`;e";
            ExecResult r = c.run("printf '%s' " + Shell.quote(tricky), Duration.ofSeconds(10));
            assertThat(r.stdout()).isEqualTo(tricky);
            assertThat(c.run("exit 7", Duration.ofSeconds(10)).exitCode()).hasValue(7);
        }
    }

    @Test
    void anEncryptedKeyWithoutAPassphraseIsNamedWithWhereThePassphraseComesFrom() {
        assertThatThrownBy(() -> SshConnection.open(sshd.endpoint(), "root",
                options(Optional.empty(), List.of(dir.resolve("id_file")), Passphrases.none())))
                .hasMessageContaining("key file " + dir.resolve("id_file"))
                .hasMessageContaining(SshBackendProvider.PASSPHRASE_VARIABLE);
    }

    /** More commands at once than OpenSSH's MaxSessions (10) allows on one connection: all run, in turn. */
    @Test
    void twentyCommandsAtOnceOnOneConnectionAllRun() throws Exception {
        try (SshConnection c = SshConnection.open(sshd.endpoint(), "root", options(Optional.empty(), List.of(dir.resolve("id_ed25519")), Passphrases.none()))) {
            List<java.util.concurrent.CompletableFuture<ExecResult>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String n = Integer.toString(i);
                runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> c.run("sleep 0.5; echo " + n, Duration.ofSeconds(30)),
                        new seatablemigrate.core.ThreadPerTask("test")));
            }
            for (int i = 0; i < 20; i++) {
                ExecResult r = runs.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.exitCode()).as(r.stderr()).hasValue(0);
                assertThat(r.stdout()).isEqualTo(i + "\n");
            }
        }
    }

    @Test
    void aFailedLoginNamesTheMethodsTried() throws Exception {
        Path other = dir.resolve("id_other");
        TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        assertThatThrownBy(() -> SshConnection.open(sshd.endpoint(), "root", options(Optional.empty(), List.of(other), Passphrases.none())))
                .hasMessageContaining("authentication as root on root@127.0.0.1:" + sshd.port + " failed; tried: key file");
    }

    @Test
    void unknownAndChangedHostKeysAreRefusedWithTheFingerprint() throws Exception {
        Files.writeString(sshd.knownHosts, "");
        assertThatThrownBy(() -> SshConnection.open(sshd.endpoint(), "root", options(Optional.empty(), List.of(dir.resolve("id_ed25519")), Passphrases.none())))
                .isInstanceOf(HostKeyException.class).hasMessageContaining("is unknown: ssh-ed25519 SHA256:")
                .hasMessageContaining("--accept-new-host-key");

        Path someKey = dir.resolve("some_host_key");
        TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", someKey.toString());
        String[] wrong = Files.readString(someKey.resolveSibling("some_host_key.pub")).split(" ");
        Files.writeString(sshd.knownHosts, "[127.0.0.1]:" + sshd.port + " " + wrong[0] + " " + wrong[1] + "\n");
        assertThatThrownBy(() -> SshConnection.open(sshd.endpoint(), "root", options(Optional.empty(), List.of(dir.resolve("id_ed25519")), Passphrases.none())))
                .isInstanceOf(HostKeyException.class).hasMessageContaining("has CHANGED");
    }

    @Test
    void acceptNewRecordsAnUnknownKey() throws Exception {
        Files.writeString(sshd.knownHosts, "");
        var opts = new SshConnection.Options(sshd.knownHosts, true, List.of(dir.resolve("id_ed25519")), Optional.empty(),
                Duration.ofSeconds(10), Passphrases.none());
        try (SshConnection c = SshConnection.open(sshd.endpoint(), "root", opts)) {
            assertThat(c.run("true", Duration.ofSeconds(10)).succeeded()).isTrue();
        }
        assertThat(Files.readString(sshd.knownHosts)).startsWith("[127.0.0.1]:" + sshd.port + " ssh-ed25519 ");
        try (SshConnection c = SshConnection.open(sshd.endpoint(), "root", options(Optional.empty(), List.of(dir.resolve("id_ed25519")), Passphrases.none()))) {
            assertThat(c.run("true", Duration.ofSeconds(10)).succeeded()).isTrue();
        }
    }
}

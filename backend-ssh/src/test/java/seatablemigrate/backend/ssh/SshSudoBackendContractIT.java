package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import seatablemigrate.core.spi.AbstractHostBackendContractTest;
import seatablemigrate.core.spi.HostBackend;

/**
 * The contract over SSH as a non-root login with --sudo: the files are root's (0700 folders), so every read and
 * change has to go through 'sudo -n'. A login without sudo rights is refused before anything runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshSudoBackendContractIT extends AbstractHostBackendContractTest {
    private Path keys;
    private TestSshd sshd;

    @BeforeAll
    void startSshd() throws Exception {
        TestSshd.ensureUser("smtest-admin", true);
        TestSshd.ensureUser("smtest-nosudo", false);
        keys = Files.createTempDirectory("ssh-sudo-");
        TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("id").toString());
        TestSshd.run("chmod", "0755", keys.toString());
        sshd = TestSshd.start(Files.createDirectory(keys.resolve("sshd")), List.of(keys.resolve("id.pub")));
        TestSshd.run("chmod", "0755", sshd.dir.toString());
        TestSshd.run("chmod", "0644", sshd.dir.resolve("authorized_keys").toString());
    }

    @AfterAll
    void stopSshd() {
        sshd.close();
    }

    private HostBackend as(String user) {
        return new SshHostBackend("ssh://" + user + "@127.0.0.1:" + sshd.port, () -> SshConnection.open(sshd.endpoint(), user,
                new SshConnection.Options(sshd.knownHosts, false, List.of(keys.resolve("id")), Optional.empty(), Duration.ofSeconds(10),
                        Passphrases.none())), true);
    }

    @Override
    protected HostBackend backend() {
        return as("smtest-admin");
    }

    @Test
    void aLoginWithoutSudoRightsIsRefusedBeforeAnythingRuns() {
        try (HostBackend h = as("smtest-nosudo")) {
            assertThatThrownBy(() -> h.stat(dir)).isInstanceOf(seatablemigrate.core.HostUnavailableException.class)
                    .hasMessageContaining("may not run commands with 'sudo -n'");
        }
    }
}

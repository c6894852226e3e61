package seatablemigrate.backend.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import seatablemigrate.core.spi.AbstractHostBackendContractTest;
import seatablemigrate.core.spi.HostBackend;

/** The same contract over SSH to a real sshd on loopback (the "remote" host is this machine). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshBackendContractIT extends AbstractHostBackendContractTest {
    private Path keys;
    private TestSshd sshd;

    @BeforeAll
    void startSshd() throws Exception {
        keys = Files.createTempDirectory("ssh-contract-");
        TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("id").toString());
        sshd = TestSshd.start(Files.createDirectory(keys.resolve("sshd")), List.of(keys.resolve("id.pub")));
    }

    @AfterAll
    void stopSshd() {
        sshd.close();
    }

    @Override
    protected HostBackend backend() {
        return new SshHostBackend("ssh://root@127.0.0.1:" + sshd.port, () -> SshConnection.open(sshd.endpoint(), "root",
                new SshConnection.Options(sshd.knownHosts, false, List.of(keys.resolve("id")), Optional.empty(), Duration.ofSeconds(10), Passphrases.none())));
    }
}

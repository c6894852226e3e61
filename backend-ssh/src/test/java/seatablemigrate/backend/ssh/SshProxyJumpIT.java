package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.spi.ConnectionOptions;
import seatablemigrate.core.spi.ExecResult;

/** ProxyJump through an ssh_config alias, against a real sshd (both hops are the test sshd). */
class SshProxyJumpIT {
    @TempDir
    Path dir;

    @Test
    void proxyJumpThroughAnAliasReachesTheTarget() throws Exception {
        Path key = dir.resolve("id");
        TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        try (TestSshd sshd = TestSshd.start(Files.createDirectory(dir.resolve("sshd")), List.of(dir.resolve("id.pub")))) {
            Path config = dir.resolve("config");
            Files.writeString(config, String.join("\n", "Host jumphost", "  HostName 127.0.0.1", "  Port " + sshd.port, "  User root",
                    "  IdentityFile " + key, "  IdentitiesOnly yes", "Host inner", "  HostName 127.0.0.1", "  Port " + sshd.port,
                    "  User root", "  IdentityFile " + key, "  IdentitiesOnly yes", "  ProxyJump jumphost", ""));
            ConnectionOptions options = new ConnectionOptions(Optional.of(config), Optional.of(sshd.knownHosts), List.of(), false, false);
            try (SshConnection c = SshBackendProvider.connect("inner", options)) {
                assertThat(c.name()).isEqualTo("root@127.0.0.1:" + sshd.port + " via root@127.0.0.1:" + sshd.port);
                ExecResult r = c.run("echo through", java.time.Duration.ofSeconds(10));
                assertThat(r.stdout()).isEqualTo("through\n");
            }
            assertThat(Files.readString(sshd.dir.resolve("sshd.log")).split("Accepted publickey for root", -1)).hasSize(3);
        }
    }
}

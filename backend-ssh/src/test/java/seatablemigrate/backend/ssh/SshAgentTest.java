package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real OpenSSH ssh-agent holding an ed25519 and an RSA key. */
class SshAgentTest {
    @TempDir
    Path dir;
    private Process agent;
    private Path socket;

    @BeforeEach
    void startAgent() throws Exception {
        socket = dir.resolve("agent.sock");
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        for (String type : List.of("ed25519", "rsa")) {
            run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "test-" + type, "-f", dir.resolve("id_" + type).toString());
            run("env", "SSH_AUTH_SOCK=" + socket, "ssh-add", "-q", dir.resolve("id_" + type).toString());
        }
    }

    @AfterEach
    void stopAgent() {
        agent.destroy();
    }

    private void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void listsTheKeysAndSignsRsaWithSha2() throws Exception {
        SshAgent a = new SshAgent(socket);
        List<SshAgent.Identity> ids = a.identities();
        assertThat(ids).extracting(SshAgent.Identity::comment).containsExactly("test-ed25519", "test-rsa");
        assertThat(ids).extracting(SshAgent.Identity::type).containsExactly("ssh-ed25519", "ssh-rsa");

        byte[] data = "session id and request".getBytes(StandardCharsets.UTF_8);
        SshAgent.Identity rsa = ids.get(1);
        assertThat(rsa.signatureAlgorithm()).isEqualTo("rsa-sha2-512");
        SshAgent.Reader sig = new SshAgent.Reader(a.sign(rsa, data, rsa.signFlags()));
        assertThat(sig.string()).isEqualTo("rsa-sha2-512");
        Signature verifier = Signature.getInstance("SHA512withRSA");
        verifier.initVerify(rsaKey(rsa.blob()));
        verifier.update(data);
        assertThat(verifier.verify(sig.bytes())).isTrue();

        SshAgent.Reader sha256 = new SshAgent.Reader(a.sign(rsa, data, SshAgent.RSA_SHA2_256));
        assertThat(sha256.string()).isEqualTo("rsa-sha2-256");

        SshAgent.Reader ed = new SshAgent.Reader(a.sign(ids.get(0), data, 0));
        assertThat(ed.string()).isEqualTo("ssh-ed25519");
        assertThat(ed.bytes()).hasSize(64);
    }

    private static PublicKey rsaKey(byte[] blob) throws Exception {
        SshAgent.Reader r = new SshAgent.Reader(blob);
        assertThat(r.string()).isEqualTo("ssh-rsa");
        BigInteger e = new BigInteger(r.bytes());
        BigInteger n = new BigInteger(r.bytes());
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }
}

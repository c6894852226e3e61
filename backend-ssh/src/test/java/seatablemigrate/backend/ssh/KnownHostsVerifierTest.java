package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import net.schmizz.sshj.common.Buffer;

/** known_hosts markers and patterns as OpenSSH reads them: @revoked wins in any order, @cert-authority is no host key, !negation. */
class KnownHostsVerifierTest {
    private static PublicKey key;
    private static PublicKey other;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = g.generateKeyPair().getPublic();
        other = g.generateKeyPair().getPublic();
    }

    private static String line(String prefix, PublicKey k) {
        return prefix + " ssh-rsa " + Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(k).getCompactData());
    }

    private KnownHostsVerifier verifier(String... lines) throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new KnownHostsVerifier(file.toFile(), false);
    }

    @Test
    void aKnownKeyIsAcceptedOnItsPort() throws Exception {
        assertThat(verifier(line("[db1]:2222", key)).verify("db1", 2222, key)).isTrue();
        assertThat(verifier(line("db1", key)).verify("db1", 22, key)).isTrue();
    }

    @Test
    void revokedWinsInEitherOrderAndSaysRevoked() throws Exception {
        for (String[] lines : new String[][] {{line("db1", key), line("@revoked db1", key)}, {line("@revoked db1", key), line("db1", key)},
                {line("@revoked *", key), line("db1", key)}}) {
            KnownHostsVerifier v = verifier(lines);
            assertThat(v.verify("db1", 22, key)).as(String.join(" / ", lines)).isFalse();
            assertThat(v.refusal()).hasValueSatisfying(r -> assertThat(r).contains("is REVOKED").doesNotContain("CHANGED"));
        }
        assertThat(verifier(line("db1", key), line("@revoked db1", other)).verify("db1", 22, key)).isTrue();
    }

    @Test
    void aCertificateAuthorityLineIsNoHostKey() throws Exception {
        KnownHostsVerifier v = verifier(line("@cert-authority *.example.org", key));
        assertThat(v.verify("db1.example.org", 22, key)).isFalse();
        assertThat(v.refusal()).hasValueSatisfying(r -> assertThat(r).contains("@cert-authority").contains("not host certificates"));
    }

    @Test
    void aNegatedPatternExcludesTheHost() throws Exception {
        KnownHostsVerifier v = verifier(line("*.example.org,!evil.example.org", key));
        assertThat(v.verify("db1.example.org", 22, key)).isTrue();
        assertThat(v.verify("evil.example.org", 22, key)).isFalse();
        assertThat(v.refusal()).hasValueSatisfying(r -> assertThat(r).contains("is unknown"));
    }

    @Test
    void anotherKeyForTheHostIsAChange() throws Exception {
        KnownHostsVerifier v = verifier(line("db1", other));
        assertThat(v.verify("db1", 22, key)).isFalse();
        assertThat(v.refusal()).hasValueSatisfying(r -> assertThat(r).contains("has CHANGED"));
    }

    @Test
    void theAcceptedKeyIsTheHostsIdentityAndARefusedOneIsNot() throws Exception {
        KnownHostsVerifier v = verifier(line("db1", key));
        assertThat(v.verified()).isEmpty();
        assertThat(v.verify("db1", 22, other)).isFalse();
        assertThat(v.verified()).as("a refused key identifies nothing").isEmpty();
        assertThat(v.verify("db1", 22, key)).isTrue();
        // As OpenSSH prints it: ssh-keygen -lf shows SHA256:<base64 without padding> of the key blob.
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
        assertThat(v.verified()).contains("ssh-rsa SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha));
        Path file = dir.resolve("new_known_hosts");
        KnownHostsVerifier acceptNew = new KnownHostsVerifier(file.toFile(), true);
        assertThat(acceptNew.verify("db2", 22, other)).isTrue();
        assertThat(acceptNew.verified()).hasValueSatisfying(f -> assertThat(f).startsWith("ssh-rsa SHA256:"));
    }
}

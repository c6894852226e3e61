package seatablemigrate.backend.ssh;

import java.io.File;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Checks host keys against an OpenSSH known_hosts file (plain and hashed entries, {@code [host]:port}). An unknown
 * key is refused unless {@code acceptNew}, which records it, as OpenSSH's {@code accept-new}; a changed key is
 * always refused. The refusal is remembered so that the connection's error can say why, with the fingerprint.
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {
    private final File file;
    private final boolean acceptNew;
    private String refusal;

    KnownHostsVerifier(File file, boolean acceptNew) throws IOException {
        super(file);
        this.file = file;
        this.acceptNew = acceptNew;
    }

    /** Why the last key was refused, if it was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (acceptNew) {
            try {
                write(new HostEntry(null, hostname, KeyType.fromKey(key), key));
                return true;
            } catch (Exception e) {
                refusal = "the host key of " + hostname + " (" + KeyType.fromKey(key) + " " + fingerprint(key)
                        + ") could not be recorded in " + file + ": " + e.getMessage();
                return false;
            }
        }
        refusal = "the host key of " + hostname + " is unknown: " + KeyType.fromKey(key) + " " + fingerprint(key)
                + ". Check it with the host's admin, then trust it with 'ssh-keyscan' into " + file
                + ", by connecting once with ssh, or with --accept-new-host-key";
        return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        refusal = "the host key of " + hostname + " has CHANGED: it is now " + KeyType.fromKey(key) + " " + fingerprint(key)
                + ", which does not match " + file + ". This can be an attack; if the host was reinstalled, remove the old"
                + " entry with 'ssh-keygen -R " + hostname + " -f " + file + "'";
        return false;
    }
}

package seatablemigrate.backend.ssh;

import java.io.File;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 *
 * <p>Markers and patterns as OpenSSH reads them: a {@code @revoked} line for the key refuses it whatever other lines
 * say, in any order; {@code @cert-authority} lines name a CA, not a host key, so they never accept a plain key (host
 * certificates are not checked: such a host is refused with a message that says so); a host that matches a negated
 * pattern ({@code !host}) of a line is not covered by that line.
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {
    private final File file;
    private final boolean acceptNew;
    private String refusal;
    private String verified;

    KnownHostsVerifier(File file, boolean acceptNew) throws IOException {
        super(file);
        this.file = file;
        this.acceptNew = acceptNew;
    }

    /** The key last accepted, as OpenSSH prints it ({@code ssh-ed25519 SHA256:...}): the host's identity beside its name. */
    Optional<String> verified() {
        return Optional.ofNullable(verified);
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
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        if (type == KeyType.UNKNOWN) {
            refusal = "the host key of " + hostname + " is of a type seatable-migrate does not know";
            return false;
        }
        String host = port == 22 || port <= 0 ? hostname : "[" + hostname + "]:" + port;
        String blob = keyBlob(key);
        boolean hostKeyLines = false;
        boolean caLines = false;
        boolean accepted = false;
        for (KnownHostEntry e : entries()) {
            Line line = Line.of(e.getLine());
            try {
                if (line == null || !e.appliesTo(type, host) || line.negates(hostname, host)) {
                    continue;
                }
            } catch (IOException ex) {
                continue;
            }
            if (line.marker().equals("@revoked")) {
                if (line.key().equals(blob)) {
                    refusal = "the host key of " + host + " (" + type + " " + fingerprint(key) + ") is REVOKED in " + file
                            + " (@revoked): it must not be trusted, whatever other lines say";
                    return false;
                }
            } else if (line.marker().equals("@cert-authority")) {
                caLines = true;
            } else {
                hostKeyLines = true;
                accepted |= line.key().equals(blob);
            }
        }
        if (accepted) {
            verified = type + " " + fingerprint(key);
            return true;
        }
        if (hostKeyLines) {
            return hostKeyChangedAction(host, key);
        }
        if (caLines) {
            refusal = "known_hosts " + file + " trusts a certificate authority (@cert-authority) for " + host + ", but seatable-migrate"
                    + " checks host keys, not host certificates: add the host's own key (" + type + " " + fingerprint(key)
                    + ", check it with the host's admin) with 'ssh-keyscan'";
            return false;
        }
        return hostKeyUnverifiableAction(host, key);
    }

    private static String keyBlob(PublicKey key) {
        return Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    /** The fields of a known_hosts line: marker (or empty), host patterns, key type, key (base64). */
    private record Line(String marker, String hosts, String type, String key) {
        static Line of(String text) {
            if (text == null) {
                return null;
            }
            String[] f = text.trim().split("\\s+");
            int i = f.length > 0 && f[0].startsWith("@") ? 1 : 0;
            return f.length < i + 3 ? null : new Line(i == 1 ? f[0] : "", f[i], f[i + 1], f[i + 2]);
        }

        /** Whether a negated pattern of this line ({@code !host}, wildcards allowed) matches the host. */
        boolean negates(String hostname, String hostWithPort) {
            for (String p : hosts.split(",")) {
                if (p.startsWith("!") && (HostPattern.matches(p.substring(1), hostname) || HostPattern.matches(p.substring(1), hostWithPort))) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (acceptNew) {
            try {
                write(new HostEntry(null, hostname, KeyType.fromKey(key), key));
                verified = KeyType.fromKey(key) + " " + fingerprint(key);
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

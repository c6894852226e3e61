package seatablemigrate.backend.ssh;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client of the ssh-agent protocol over the agent's Unix socket (JDK 16+ Unix-domain channels, no native code).
 * Unlike jsch-agent-proxy 0.0.9 it sends the sign request's flags, so RSA keys sign with rsa-sha2-256/512, which a
 * default OpenSSH 8.8+ server requires (it refuses SHA-1 {@code ssh-rsa} signatures). Each call opens one short
 * connection; the agent holds the keys, this class never sees them.
 */
public final class SshAgent {
    static final byte REQUEST_IDENTITIES = 11;
    static final byte IDENTITIES_ANSWER = 12;
    static final byte SIGN_REQUEST = 13;
    static final byte SIGN_RESPONSE = 14;
    static final byte FAILURE = 5;
    /** Sign-request flags for RSA keys. */
    public static final int RSA_SHA2_256 = 2;
    public static final int RSA_SHA2_512 = 4;
    private static final int MAX_MESSAGE = 256 * 1024;

    private final Path socket;

    public SshAgent(Path socket) {
        this.socket = socket;
    }

    /** The agent named by {@code SSH_AUTH_SOCK}, if that is set. */
    public static Optional<SshAgent> fromEnvironment() {
        String sock = System.getenv("SSH_AUTH_SOCK");
        return sock == null || sock.isBlank() ? Optional.empty() : Optional.of(new SshAgent(Path.of(sock)));
    }

    /** A key the agent holds: its public key blob (SSH wire format) and comment. */
    public record Identity(byte[] blob, String comment) {
        /** The key type from the blob, e.g. {@code ssh-ed25519}, {@code ssh-rsa}. */
        public String type() {
            return new Reader(blob).string();
        }

        /** The signature algorithm to use with this key: RSA keys sign with rsa-sha2-512. */
        public String signatureAlgorithm() {
            return type().equals("ssh-rsa") ? "rsa-sha2-512" : type();
        }

        /** The sign-request flags that produce {@link #signatureAlgorithm()}. */
        public int signFlags() {
            return type().equals("ssh-rsa") ? RSA_SHA2_512 : 0;
        }
    }

    public List<Identity> identities() throws IOException {
        Reader r = call(new byte[] {REQUEST_IDENTITIES}, IDENTITIES_ANSWER);
        int n = r.uint32();
        List<Identity> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Identity(r.bytes(), new String(r.bytes(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Signs {@code data} with the key; returns the SSH signature blob (algorithm name and signature bytes). */
    public byte[] sign(Identity key, byte[] data, int flags) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeByte(SIGN_REQUEST);
        writeString(out, key.blob());
        writeString(out, data);
        out.writeInt(flags);
        return call(body.toByteArray(), SIGN_RESPONSE).bytes();
    }

    private Reader call(byte[] request, byte expected) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.allocate(4 + request.length).putInt(request.length).put(request).flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer len = read(ch, 4);
            int n = len.getInt();
            if (n <= 0 || n > MAX_MESSAGE) {
                throw new IOException("ssh-agent sent a message of " + n + " bytes");
            }
            ByteBuffer msg = read(ch, n);
            byte type = msg.get();
            if (type != expected) {
                throw new IOException(type == FAILURE ? "ssh-agent refused the request" : "ssh-agent answered with message type " + type);
            }
            byte[] rest = new byte[msg.remaining()];
            msg.get(rest);
            return new Reader(rest);
        }
    }

    private static ByteBuffer read(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("ssh-agent closed the connection");
            }
        }
        return b.flip();
    }

    private static void writeString(DataOutputStream out, byte[] s) throws IOException {
        out.writeInt(s.length);
        out.write(s);
    }

    /** Reads SSH wire-format values. */
    static final class Reader {
        private final ByteBuffer b;

        Reader(byte[] data) {
            this.b = ByteBuffer.wrap(data);
        }

        int uint32() {
            return b.getInt();
        }

        byte[] bytes() {
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new IllegalArgumentException("malformed SSH string");
            }
            byte[] out = new byte[n];
            b.get(out);
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }
}

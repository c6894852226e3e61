package seatablemigrate.backend.ssh;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.Shell;

/**
 * {@link HttpTransport} that sends each request from the remote host with its {@code curl}: for registries that only
 * the host reaches. The URL is the only argument taken from the request, quoted; header values (a token, a
 * credential) go to curl's standard input ({@code -H @-}), never onto the host's command line. The host's proxy
 * settings apply, as they do to its engine. curl's failures are mapped to the exceptions the JDK's client throws, so
 * that {@link seatablemigrate.core.registry.RegistryClient} treats both transports alike.
 */
final class CurlOnHost implements HttpTransport {
    /** curl's exit codes for TLS failures (handshake, certificate, protocol). */
    private static final Set<Integer> TLS_FAILURES = Set.of(35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91);

    private final Supplier<SshConnection> ssh;
    private final String hostName;

    CurlOnHost(Supplier<SshConnection> ssh, String hostName) {
        this.ssh = requireNonNull(ssh, "ssh is null");
        this.hostName = requireNonNull(hostName, "hostName is null");
    }

    @Override
    public Answer send(String method, URI uri, Map<String, String> headers, Duration deadline, int maxBytes) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new IllegalArgumentException("only GET and HEAD are sent from the host, not " + method);
        }
        if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
            throw new IllegalArgumentException("not an HTTP URL: " + uri.getScheme());
        }
        StringBuilder stdin = new StringBuilder("User-Agent: seatable-migrate\n");
        headers.forEach((k, v) -> {
            if (!k.matches("[A-Za-z0-9-]+") || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a header that cannot be sent: " + k);
            }
            stdin.append(k).append(": ").append(v).append('\n');
        });
        long seconds = Math.max(1, (deadline.toMillis() + 999) / 1000);
        String command = "curl -q -sS --http1.1 --proto =http,https --connect-timeout " + Math.min(seconds, 5) + " --max-time " + seconds
                + " --max-filesize " + maxBytes + " -H @- " + (method.equals("HEAD") ? "-I" : "-D -") + " -- " + Shell.quote(uri.toString());
        // Room for the header blocks and one byte more than the body may have, so that an answer over the cap shows.
        CappedBuffer out = new CappedBuffer(maxBytes + 64 * 1024 + 1);
        ExecResult r = ssh.get().stream(command, stdin.toString().getBytes(StandardCharsets.UTF_8), out, deadline.plusSeconds(5));
        String why = Shell.printable(r.stderr().strip().lines().reduce((a, b) -> b).orElse(""));
        if (r.exitCode().isEmpty()) {
            throw new HttpTimeoutException("curl on " + hostName + " did not answer in time");
        }
        int code = r.exitCode().getAsInt();
        if (code == 6) {
            throw new UnknownHostException(uri.getHost() + " does not resolve on " + hostName);
        }
        if (code == 7) {
            throw new ConnectException(why.isEmpty() ? "connection refused on " + hostName : why);
        }
        if (code == 28) {
            throw new HttpTimeoutException("timed out on " + hostName);
        }
        if (TLS_FAILURES.contains(code)) {
            throw new SSLException(why.isEmpty() ? "TLS failed on " + hostName : why);
        }
        if (code == 63 || out.overflowed()) {
            throw new TooLarge(maxBytes);
        }
        if (code == 127) {
            throw new IOException("curl is not installed on " + hostName);
        }
        if (code != 0) {
            throw new IOException("curl on " + hostName + " failed (exit " + code + (why.isEmpty() ? "" : ": " + why) + ")");
        }
        return parse(out.toByteArray(), method.equals("HEAD"), maxBytes);
    }

    /**
     * Reads curl's output: header blocks ({@code HTTP/...} status line, headers, blank line), of which informational
     * ones and a proxy's {@code CONNECT} answer are skipped, then the body.
     */
    static Answer parse(byte[] output, boolean head, int maxBytes) throws IOException {
        int pos = 0;
        while (true) {
            int end = blockEnd(output, pos);
            if (!startsWith(output, pos, "HTTP/") || end < 0) {
                throw new IOException("the host's curl printed no HTTP answer");
            }
            String block = new String(output, pos, end - pos, StandardCharsets.ISO_8859_1);
            int next = end + (output[end] == '\r' ? 4 : 2);
            List<String> lines = block.lines().toList();
            String[] status = lines.get(0).split(" ", 3);
            int code;
            try {
                code = Integer.parseInt(status[1]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("the host's curl printed a malformed status line");
            }
            boolean another = startsWith(output, next, "HTTP/");
            boolean proxyAnswer = code == 200 && (lines.size() == 1 || lines.get(0).toLowerCase(Locale.ROOT).contains("connection established"));
            if ((code >= 100 && code < 200) || (another && (head || proxyAnswer))) {
                pos = next;
                continue;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).strip());
                }
            }
            if (!head && output.length - next > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            byte[] body = head ? new byte[0] : Arrays.copyOfRange(output, Math.min(next, output.length), output.length);
            return new Answer(code, headers, body);
        }
    }

    private static int blockEnd(byte[] b, int from) {
        for (int i = from; i < b.length - 1; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') {
                return i;
            }
            if (i < b.length - 3 && b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int at, String prefix) {
        if (at + prefix.length() > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Keeps at most {@code cap} bytes and drops the rest, remembering that it did (the answer is then too large). */
    private static final class CappedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int cap;
        private boolean overflowed;

        CappedBuffer(int cap) {
            this.cap = cap;
        }

        @Override
        public synchronized void write(int b) {
            if (bytes.size() < cap) {
                bytes.write(b);
            } else {
                overflowed = true;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int keep = Math.max(0, Math.min(len, cap - bytes.size()));
            bytes.write(b, off, keep);
            overflowed |= keep < len;
        }

        synchronized boolean overflowed() {
            return overflowed;
        }

        synchronized byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}

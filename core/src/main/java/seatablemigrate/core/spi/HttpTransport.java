package seatablemigrate.core.spi;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one HTTP request to a registry. Implementations follow no redirects themselves (the client decides), are safe
 * to call from several threads, and never log or print header values (they may carry credentials).
 */
public interface HttpTransport extends AutoCloseable {
    /**
     * Sends the request and reads the whole answer.
     *
     * @param deadline the whole exchange (connect, headers and every byte of the body) ends within it, else
     *                 {@link java.net.http.HttpTimeoutException}: a body that trickles is cut off like a silent server
     * @param maxBytes the largest body accepted; a longer one ends the exchange with {@link TooLarge}
     */
    Answer send(String method, URI uri, Map<String, String> headers, Duration deadline, int maxBytes) throws IOException;

    /**
     * Releases what the transport holds between requests (connections, threads); a later request opens them again. A
     * thread left waiting in native code holds up the JVM's exit by 0.3 s, so a command closes its transports before it
     * exits.
     */
    @Override
    default void close() {}

    /** An answer whose body is longer than the caller accepts: refused, not cut (a cut JSON document reads as junk). */
    final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        public TooLarge(int maxBytes) {
            super("an answer larger than " + (maxBytes % (1 << 20) == 0 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes"));
        }
    }

    /** A response: status, headers (names in lower case) and its body (empty for {@code HEAD}). */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        public Answer {
            headers = Map.copyOf(headers);
        }

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** Every value of a header that may repeat ({@code WWW-Authenticate}, {@code Link}), in order. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }
}

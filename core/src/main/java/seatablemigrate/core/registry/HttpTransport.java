package seatablemigrate.core.registry;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one HTTP request to a registry. Implementations bound every call by {@code timeout} (connect and answer),
 * cap the body they read, follow no redirects themselves (the client decides), and are safe to call from several
 * threads. Header values may carry credentials: an implementation never logs or prints them.
 */
public interface HttpTransport {
    /** The largest body read; a longer one is cut there (registry answers we read are small JSON documents). */
    int MAX_BODY = 4 * 1024 * 1024;

    Answer send(String method, URI uri, Map<String, String> headers, Duration timeout) throws IOException;

    /** A response: status, headers (names in lower case) and at most {@link #MAX_BODY} bytes of body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        public Answer {
            headers = Map.copyOf(headers);
        }

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** Every value of a header that may repeat ({@code WWW-Authenticate}, {@code Link}), in order. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
        }
    }
}

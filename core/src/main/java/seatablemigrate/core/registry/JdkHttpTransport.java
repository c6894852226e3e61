package seatablemigrate.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link HttpTransport} through the JDK's HTTP client: HTTP/1.1, no redirects followed, the system's trust store. */
public final class JdkHttpTransport implements HttpTransport {
    private final HttpClient client;

    public JdkHttpTransport(Duration connectTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Answer send(String method, URI uri, Map<String, String> headers, Duration timeout) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        b.header("User-Agent", "seatable-migrate");
        try {
            HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = r.body()) {
                body = method.equals("HEAD") ? new byte[0] : in.readNBytes(MAX_BODY);
            }
            Map<String, List<String>> lower = new HashMap<>();
            r.headers().map().forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), v, (a, c) -> {
                List<String> all = new java.util.ArrayList<>(a);
                all.addAll(c);
                return all;
            }));
            return new Answer(r.statusCode(), lower, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while asking " + uri.getHost());
        }
    }
}

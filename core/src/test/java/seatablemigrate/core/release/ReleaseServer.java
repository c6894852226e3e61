package seatablemigrate.core.release;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SeaTable's release assets and GitHub's release API imitated on 127.0.0.1 for tests: {@code /download/<tag>/<asset>} and
 * {@code /api/<tag>}, each path answered as the test set it (404 otherwise). Logs each request's path and whether it
 * carried an {@code Authorization} or {@code Cookie} header.
 */
final class ReleaseServer implements AutoCloseable {
    /** One answer: status, a Location header (or null), body. */
    record Answer(int status, String location, byte[] body) {}

    record Received(String path, boolean credential) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    ReleaseServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            received.add(new Received(x.getRequestURI().toString(), x.getRequestHeaders().containsKey("Authorization")
                    || x.getRequestHeaders().containsKey("Cookie")));
            Answer a = answers.getOrDefault(path, new Answer(404, null, "Not Found".getBytes(StandardCharsets.UTF_8)));
            if (a.location() != null) {
                x.getResponseHeaders().add("Location", a.location());
            }
            x.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            x.getResponseBody().write(a.body());
        }
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    ReleaseEndpoints endpoints() {
        return new ReleaseEndpoints(base().resolve("download/"), base().resolve("api/"));
    }

    ReleaseServer serve(String path, byte[] body) {
        answers.put(path, new Answer(200, null, body));
        return this;
    }

    ReleaseServer redirect(String path, String location) {
        answers.put(path, new Answer(302, location, new byte[0]));
        return this;
    }

    /** The asset of {@code tag}. */
    ReleaseServer asset(String tag, byte[] tarball) {
        return serve("/download/" + tag + "/seatable-compose.tar.gz", tarball);
    }

    /** GitHub's answer about {@code tag}: its asset with {@code digest} ({@code null}: none published). */
    ReleaseServer api(String tag, String digest) {
        String asset = "{\"name\":\"seatable-compose.tar.gz\",\"size\":1" + (digest == null ? "" : ",\"digest\":\"" + digest + "\"") + "}";
        return serve("/api/" + tag, ("{\"tag_name\":\"" + tag + "\",\"assets\":[{\"name\":\"other.zip\"}," + asset + "]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

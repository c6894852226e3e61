package seatablemigrate.core.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLHandshakeException;
import seatablemigrate.core.spi.HttpTransport;

/**
 * A registry imitation on a loopback address for tests: every request is logged with the {@code Authorization}
 * header it carried (what a hostile registry or mirror would collect), and a handler decides each answer. Plain HTTP
 * only, as an insecure registry; the client's HTTPS attempt fails its handshake and falls back, as against the
 * registries of the test environment.
 */
final class LoopbackRegistry implements AutoCloseable {
    /** What the server received: the path with its query, and the Authorization header or an empty string. */
    record Received(String method, String pathAndQuery, String authorization) {}

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-registry");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** Listens on {@code address} (a loopback address) at a free port. */
    LoopbackRegistry(InetAddress address, Handler handler) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("test traffic stays on loopback: " + address);
        }
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization") == null ? "" : exchange.getRequestHeaders().getFirst("Authorization")));
            try {
                handler.handle(exchange);
            } catch (IOException e) {
                // The client hung up (a deadline or a cap): what it received is what the test checks.
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** On 127.0.0.1. */
    static LoopbackRegistry start(Handler handler) throws IOException {
        return new LoopbackRegistry(InetAddress.getByName("127.0.0.1"), handler);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:PORT}: the registry's name in an image reference. */
    String name() {
        String host = server.getAddress().getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Every Authorization header received, empty ones left out. */
    List<String> authorizations() {
        return received.stream().map(Received::authorization).filter(a -> !a.isEmpty()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    static void send(HttpExchange x, int status, String body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            x.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * The JDK's client with a guard that lets only loopback requests out: whatever a registry names (Docker Hub
     * after a mirror, a token realm elsewhere), a test never leaves this machine. HTTPS fails its handshake without
     * connecting: the JDK's server would wait for a request line until the deadline, where a registry's answers at once.
     */
    static HttpTransport loopbackOnly(HttpTransport http) {
        return (method, uri, headers, deadline, maxBytes) -> {
            if (!loopback(uri)) {
                throw new UnknownHostException(uri.getHost() + " (the test reaches loopback only)");
            }
            if (uri.getScheme().equals("https")) {
                throw new SSLHandshakeException("Unsupported or unrecognized SSL message");
            }
            return http.send(method, uri, headers, deadline, maxBytes);
        };
    }

    private static boolean loopback(URI uri) {
        try {
            return uri.getHost() != null && InetAddress.getByName(uri.getHost()).isLoopbackAddress()
                    && (uri.getHost().equals("localhost") || uri.getHost().matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]"));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

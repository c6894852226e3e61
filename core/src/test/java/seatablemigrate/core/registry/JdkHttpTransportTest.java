package seatablemigrate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import seatablemigrate.core.spi.HttpTransport;

/**
 * Closing the transport ends the threads the JDK's client started: its selector waits in native code between requests,
 * and a thread there holds up the JVM's exit by 0.3 s (bench/downtime.sh measured it after every switch). A request
 * after {@code close} opens a new client.
 */
@Isolated // counts the JVM's HTTP selector threads: alone, whatever else the parallel unit tests run
class JdkHttpTransportTest {
    private HttpServer server;
    private URI uri;

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** The JDK 17 client's selector thread, by the name it gives it. */
    private static long selectors() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager")).count();
    }

    @Test
    void closeEndsTheClientsSelectorAndALaterRequestOpensANewClient() throws Exception {
        long before = selectors();
        JdkHttpTransport http = new JdkHttpTransport(Duration.ofSeconds(2));

        HttpTransport.Answer a = http.send("GET", uri, Map.of(), Duration.ofSeconds(5), 1024);

        assertThat(a.status()).isEqualTo(200);
        assertThat(selectors()).isEqualTo(before + 1);
        http.close();
        assertThat(selectors()).as("the selector ended with close").isEqualTo(before);

        assertThat(http.send("GET", uri, Map.of(), Duration.ofSeconds(5), 1024).status()).isEqualTo(200);
        assertThat(selectors()).isEqualTo(before + 1);
        http.close();
        http.close(); // twice is once
        assertThat(selectors()).isEqualTo(before);
    }
}

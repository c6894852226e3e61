package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import net.schmizz.sshj.transport.TransportException;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.HostUnreachableException;

/** Each way a connection fails is said in words, also when sshj wraps it; never as Java's class or a bare host name. */
class ConnectFailureTest {
    private static String describe(Throwable e) {
        return ConnectFailure.describe(e, "db1.example", 2222, Duration.ofSeconds(15));
    }

    @Test
    void eachCauseInWords() {
        // An unknown host's own message is only the name: the old text read "cannot connect to root@db1.example: db1.example".
        assertThat(describe(new UnknownHostException("db1.example"))).isEqualTo("the name db1.example is not found (DNS)");
        assertThat(describe(new ConnectException("Connection refused"))).isEqualTo("connection refused: nothing listens on port 2222");
        assertThat(describe(new NoRouteToHostException("No route to host"))).isEqualTo("no route to db1.example");
        assertThat(describe(new SocketTimeoutException("Connect timed out"))).isEqualTo("no answer within 15 s (timeout)");
        assertThat(describe(new TransportException("wrapped", new SocketTimeoutException("Read timed out"))))
                .isEqualTo("no answer within 15 s (timeout)");
        assertThat(describe(new TransportException("Server closed connection during identification exchange")))
                .isEqualTo("Server closed connection during identification exchange");
        assertThat(describe(new IOException())).isEqualTo("the connection failed");
    }

    @Test
    void aRefusedHostKeyIsUnreachable() {
        assertThat(new HostKeyException("the host key of db1 has CHANGED")).isInstanceOf(HostUnreachableException.class);
    }
}

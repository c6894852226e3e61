package seatablemigrate.backend.ssh;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Why a connection to an SSH server could not be made, in words an admin acts on: the name is not found, nothing
 * listens on the port, no route, no answer in time. Java's exceptions say this in their class (an unknown host's
 * message is only the name), which a user never sees.
 */
final class ConnectFailure {
    private ConnectFailure() {}

    /** The cause of {@code e}, a failure to connect to {@code host} on {@code port} within {@code timeout}. */
    static String describe(Throwable e, String host, int port, Duration timeout) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "the name " + host + " is not found (DNS)";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to " + host;
            }
            if (t instanceof ConnectException) {
                return "connection refused: nothing listens on port " + port;
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer within " + timeout.toSeconds() + " s (timeout)";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "the connection failed" : message;
    }
}

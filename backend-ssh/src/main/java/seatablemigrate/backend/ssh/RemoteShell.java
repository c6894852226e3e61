package seatablemigrate.backend.ssh;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Supplier;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.HostUnreachableException;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.Shell;

/**
 * The SSH backend's one connection to its host, opened on first use, and how commands run there: as the login, or
 * through {@code sudo -n sh -c} with {@code --sudo} (whose right is checked right after connecting). Thread-safe.
 */
final class RemoteShell implements AutoCloseable {
    /** The bound of one query on the host. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<SshConnection> connector;
    private final String target;
    private final boolean sudo;
    private SshConnection connection;
    private HostUnreachableException unreachable;

    RemoteShell(String target, Supplier<SshConnection> connector, boolean sudo) {
        this.target = requireNonNull(target, "target is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.sudo = sudo;
    }

    /** Whether commands run through sudo (and files are read through commands, since SFTP runs as the login). */
    boolean sudo() {
        return sudo;
    }

    synchronized SshConnection ssh() {
        if (unreachable != null) {
            throw unreachable; // asked once: each question after it would wait for the same timeout and fail alike
        }
        if (connection == null) {
            SshConnection c;
            try {
                c = connector.get();
            } catch (HostUnreachableException e) {
                unreachable = e;
                throw e;
            }
            if (sudo) {
                ExecResult r = c.run("sudo -n true", QUERY_TIMEOUT);
                if (!r.succeeded()) {
                    c.close();
                    throw new HostUnavailableException("--sudo: the login on " + c.name() + " may not run commands with 'sudo -n' ("
                            + r.describe() + "); grant it passwordless sudo or log in as root");
                }
            }
            connection = c;
        }
        return connection;
    }

    /** The command as it runs on the host: through {@code sudo -n sh -c} with --sudo. */
    String privileged(String command) {
        return sudo ? "sudo -n sh -c " + Shell.quote(command) : command;
    }

    synchronized String describe() {
        return connection != null ? connection.name() : target;
    }

    ExecResult run(String command, Duration timeout) {
        return ssh().run(privileged(command), timeout);
    }

    /** Runs a query and returns its stdout; a failure means the host cannot be used for it. */
    String ok(String command, String what) {
        ExecResult r = run(command, QUERY_TIMEOUT);
        if (!r.succeeded()) {
            throw new HostUnavailableException(what + " on " + describe() + " failed (" + r.describe() + ")");
        }
        return r.stdout();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}

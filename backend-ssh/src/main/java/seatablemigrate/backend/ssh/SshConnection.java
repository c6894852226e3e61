package seatablemigrate.backend.ssh;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.HostUnreachableException;
import seatablemigrate.core.ThreadPerTask;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.HostIdentity;

/**
 * One SSH connection for a whole run: host key checked, authenticated by ssh-agent keys first and key files after
 * (the order OpenSSH tries them), keep-alive on, every command bounded by a timeout. Commands run through the
 * remote user's shell exactly as given; callers quote with {@link seatablemigrate.core.spi.Shell}.
 */
public final class SshConnection implements AutoCloseable {
    private static final Executor DRAIN = new ThreadPerTask("seatable-migrate-ssh-output");

    private static final int COMMAND_SLOTS = 8;

    private final Semaphore commandSlots = new Semaphore(COMMAND_SLOTS, true);
    private final SSHClient client;
    private final String name;
    private final Optional<SshConnection> jump;
    private final HostIdentity identity;
    private SFTPClient sftp;

    /**
     * @param knownHosts  the known_hosts file
     * @param acceptNew   record an unknown host key (never a changed one)
     * @param identities  key files to try after the agent's keys
     * @param agent       the ssh-agent, if any
     */
    public record Options(Path knownHosts, boolean acceptNew, List<Path> identities, Optional<SshAgent> agent,
                          Duration connectTimeout, Passphrases passphrases) {
        public Options {
            requireNonNull(knownHosts, "knownHosts is null");
            identities = List.copyOf(identities);
            requireNonNull(agent, "agent is null");
            requireNonNull(connectTimeout, "connectTimeout is null");
            requireNonNull(passphrases, "passphrases is null");
        }
    }

    private SshConnection(SSHClient client, String name, Optional<SshConnection> jump, HostIdentity identity) {
        this.client = client;
        this.name = name;
        this.jump = jump;
        this.identity = identity;
    }

    public static SshConnection open(SshEndpoint endpoint, String user, Options options) {
        return open(endpoint, user, options, Optional.empty());
    }

    /**
     * Connects to {@code endpoint}, through {@code jump} (an open connection to a jump host, as ProxyJump) when
     * given; the jump connection then belongs to the new one and closes with it. Host keys of both are checked.
     */
    public static SshConnection open(SshEndpoint endpoint, String user, Options options, Optional<SshConnection> jump) {
        String name = user + "@" + endpoint.host() + (endpoint.port() == 22 ? "" : ":" + endpoint.port());
        SSHClient client = new SSHClient(new DefaultConfig());
        KnownHostsVerifier verifier;
        try {
            verifier = new KnownHostsVerifier(options.knownHosts().toFile(), options.acceptNew());
        } catch (IOException e) {
            throw new HostUnavailableException("cannot read known hosts " + options.knownHosts() + ": " + e.getMessage(), e);
        }
        client.addHostKeyVerifier(verifier);
        client.setConnectTimeout((int) options.connectTimeout().toMillis());
        client.setTimeout((int) Duration.ofMinutes(2).toMillis());
        connect(client, verifier, endpoint, name, options, jump);
        // sshj connects only after the verifier accepted the key, so there is one.
        HostIdentity identity = HostIdentity.ssh(user, endpoint.host(), endpoint.port(), verifier.verified().orElseThrow());
        client.getConnection().getKeepAlive().setKeepAliveInterval(15);
        authenticate(client, user, name, options);
        return new SshConnection(client, name + jump.map(j -> " via " + j.name()).orElse(""), jump, identity);
    }

    /** Connects {@code client}; on failure closes it and says why: a refused host key, else what the connection met. */
    private static void connect(SSHClient client, KnownHostsVerifier verifier, SshEndpoint endpoint, String name, Options options,
                                Optional<SshConnection> jump) {
        try {
            if (jump.isPresent()) {
                client.connectVia(jump.get().client.newDirectConnection(endpoint.host(), endpoint.port()), endpoint.host(), endpoint.port());
            } else {
                client.connect(endpoint.host(), endpoint.port());
            }
        } catch (TransportException e) {
            closeQuietly(client);
            throw verifier.refusal().<HostUnreachableException>map(HostKeyException::new).orElseGet(() -> new HostUnreachableException(
                    "cannot connect to " + name + ": " + ConnectFailure.describe(e, endpoint.host(), endpoint.port(), options.connectTimeout()), e));
        } catch (IOException e) {
            closeQuietly(client);
            throw new HostUnreachableException("cannot connect to " + name + ": "
                    + ConnectFailure.describe(e, endpoint.host(), endpoint.port(), options.connectTimeout()), e);
        }
    }

    /**
     * Authenticates as {@code user} with the agent's keys, then the key files; on failure closes the client and lists
     * every key tried and why it was not used.
     */
    private static void authenticate(SSHClient client, String user, String name, Options options) {
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        options.agent().ifPresent(agent -> {
            try {
                for (SshAgent.Identity id : agent.identities()) {
                    AgentAuthMethod m = new AgentAuthMethod(agent, id);
                    methods.add(m);
                    tried.add(m.toString());
                }
            } catch (IOException e) {
                tried.add("ssh-agent (" + e.getMessage() + ")");
            }
        });
        List<Path> keyFiles = new ArrayList<>();
        for (Path key : options.identities()) {
            try {
                methods.add(new AuthPublickey(client.loadKeys(key.toString(), options.passphrases().forKey(key))));
                keyFiles.add(key);
            } catch (IOException e) {
                tried.add("key file " + key + " (" + e.getMessage() + ")");
            }
        }
        try {
            if (methods.isEmpty()) {
                throw new UserAuthException("no key to try");
            }
            client.auth(user, methods);
        } catch (IOException e) {
            closeQuietly(client);
            keyFiles.forEach(k -> tried.add("key file " + k + (options.passphrases().wentUnanswered(k)
                    ? " (encrypted, and no passphrase: set " + SshBackendProvider.PASSPHRASE_VARIABLE + " or run on a terminal to be asked)" : "")));
            throw new HostUnreachableException("authentication as " + user + " on " + name + " failed; tried: "
                    + (tried.isEmpty() ? "nothing (no ssh-agent, no key file)" : String.join(", ", tried)), e);
        }
    }

    public String name() {
        return name;
    }

    /** The host reached: user, address and port as connected, and its host key as checked against known_hosts. */
    public HostIdentity identity() {
        return identity;
    }

    /** Runs a command line through the remote shell. Empty exit code on timeout or a lost connection. */
    public ExecResult run(String command, Duration timeout) {
        return run(command, timeout, line -> { });
    }

    /** Like {@link #run(String, Duration)}, handing each line of stdout to {@code lines} as it arrives. */
    public ExecResult run(String command, Duration timeout, Consumer<String> lines) {
        LineSink stdout = new LineSink(lines);
        ExecResult r = stream(command, stdout, timeout);
        return new ExecResult(r.exitCode(), r.exitCode().isPresent() ? stdout.text() : "", r.stderr());
    }

    /**
     * Runs a command line and streams its stdout into {@code out} (for files too large for memory); the result
     * holds the exit code and stderr, stdout empty. Empty exit code on timeout.
     */
    public ExecResult stream(String command, OutputStream out, Duration timeout) {
        return stream(command, null, out, timeout);
    }

    /**
     * Like {@link #stream(String, java.io.OutputStream, Duration)}, with {@code stdin} written to the command's standard
     * input and then closed: the way to hand a remote command data that must not appear on its command line.
     */
    public ExecResult stream(String command, byte[] stdin, OutputStream out, Duration timeout) {
        if (!commandSlot(timeout)) {
            return new ExecResult(OptionalInt.empty(), "", "command on " + name + " did not start: " + COMMAND_SLOTS + " commands were running");
        }
        try (Session session = startSession(timeout)) {
            Session.Command cmd = session.exec(command);
            if (stdin != null) {
                try (OutputStream in = cmd.getOutputStream()) {
                    in.write(stdin);
                }
            }
            CompletableFuture<Void> copied = CompletableFuture.runAsync(() -> {
                try {
                    cmd.getInputStream().transferTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, DRAIN);
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(cmd.getErrorStream()), DRAIN);
            cmd.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Integer status = cmd.getExitStatus();
            copied.get(5, TimeUnit.SECONDS);
            return new ExecResult(status == null ? OptionalInt.empty() : OptionalInt.of(status), "", err.get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            if (!client.isConnected()) {
                throw new HostUnavailableException("the connection to " + name + " was lost: " + e.getMessage(), e);
            }
            return new ExecResult(OptionalInt.empty(), "", "command on " + name + " did not finish: " + e.getMessage());
        } finally {
            commandSlots.release();
        }
    }

    /**
     * Opens a session, trying again (within the command's timeout, at most 10 s) while the server refuses it for want of
     * a free session (OpenSSH's "open failed"). OpenSSH frees a session a moment after both sides closed its channel: a channel
     * opened right after a command ended, within the same burst of packets, can be refused although a slot is ours.
     * Seen as soon as commands took milliseconds (twenty commands at once on one connection).
     */
    private Session startSession(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.SECONDS.toNanos(10));
        for (int attempt = 1; ; attempt++) {
            try {
                return client.startSession();
            } catch (OpenFailException e) {
                // OpenSSH 9.2 says "open failed" with reason 2 (connect failed) when it has no session free; others
                // say administratively prohibited or resource shortage. Only an unknown channel type is final.
                boolean busy = e.getReason() != OpenFailException.Reason.UNKNOWN_CHANNEL_TYPE;
                if (!busy || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.min(20L * attempt, 200L));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * A slot for one more command session. OpenSSH allows 10 sessions per connection (MaxSessions); the lock holder
     * and SFTP take one each, so at most {@value #COMMAND_SLOTS} commands run at once and the rest wait their turn.
     */
    private boolean commandSlot(Duration timeout) {
        try {
            return commandSlots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A remote process kept running (to hold a lock); {@link #release} ends it by closing its stdin. */
    public interface Held {
        boolean acquired();

        /** The process's first line of output ({@code null} when it printed none): the marker, or why it does not hold. */
        String firstLine();

        void release();
    }

    /**
     * Starts {@code command} and waits for its first output line; it holds when that line is {@code marker}. The
     * process lives until {@link Held#release} or until the connection ends.
     */
    public Held hold(String command, String marker) {
        try {
            Session session = startSession(Duration.ofSeconds(10));
            Session.Command cmd = session.exec(command);
            BufferedReader out = new BufferedReader(new InputStreamReader(cmd.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            boolean acquired = marker.equals(first);
            if (!acquired) {
                session.close();
            }
            return new Held() {
                @Override
                public boolean acquired() {
                    return acquired;
                }

                @Override
                public String firstLine() {
                    return first;
                }

                @Override
                public void release() {
                    try {
                        cmd.getOutputStream().close();
                        cmd.join(10, TimeUnit.SECONDS);
                        session.close();
                    } catch (IOException e) {
                        // the connection is gone, and the lock with it
                    }
                }
            };
        } catch (IOException e) {
            throw new HostUnavailableException("cannot start a command on " + name + ": " + e.getMessage(), e);
        }
    }

    /** The SFTP subsystem on this connection, opened once. */
    public synchronized SFTPClient sftp() {
        if (sftp == null) {
            try {
                sftp = client.newSFTPClient();
            } catch (IOException e) {
                throw new HostUnavailableException("cannot start SFTP on " + name + ": " + e.getMessage(), e);
            }
        }
        return sftp;
    }

    private static String drain(InputStream in) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(SSHClient c) {
        try {
            c.disconnect();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        if (sftp != null) {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        closeQuietly(client);
        jump.ifPresent(SshConnection::close);
    }
}

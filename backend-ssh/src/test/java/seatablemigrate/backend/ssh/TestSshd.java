package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real OpenSSH sshd on loopback for tests, with its own host key, authorized_keys and known_hosts. */
public final class TestSshd implements AutoCloseable {
    public final Path dir;
    public final int port;
    public final Path knownHosts;
    private final Process sshd;

    private TestSshd(Path dir, int port, Process sshd) {
        this.dir = dir;
        this.port = port;
        this.knownHosts = dir.resolve("known_hosts");
        this.sshd = sshd;
    }

    public static TestSshd start(Path dir, List<Path> authorizedPublicKeys) throws Exception {
        return start(dir, authorizedPublicKeys, List.of());
    }

    /** Also listening on {@code moreAddresses} (a veth address a test created), each in known_hosts. */
    public static TestSshd start(Path dir, List<Path> authorizedPublicKeys, List<String> moreAddresses) throws Exception {
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_ed25519").toString());
        StringBuilder keys = new StringBuilder();
        for (Path k : authorizedPublicKeys) {
            keys.append(Files.readString(k));
        }
        Files.writeString(dir.resolve("authorized_keys"), keys);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", String.join("\n", moreAddresses.stream().map(a -> "ListenAddress " + a).toList()), "HostKey " + dir.resolve("host_ed25519"),
                "PidFile " + dir.resolve("sshd.pid"), "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password", "UsePAM no", "Subsystem sftp internal-sftp",
                // A home of its own: bash reads ~/.bashrc for every command sshd starts, and this machine's (pyenv's
                // init) costs ~0.85 s per command, which is the CI machine's, not a SeaTable host's. What the tool
                // sends must not need a home (the Compose plugin is also installed system-wide by scripts/test-env).
                "SetEnv HOME=" + Files.createDirectories(dir.resolve("home")) + engine(), ""));
        Files.createDirectories(Path.of("/run/sshd"));
        Process p = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        for (int i = 0; i < 100 && !answers(port); i++) {
            Thread.sleep(50);
        }
        String hostKey = Files.readString(dir.resolve("host_ed25519.pub")).strip();
        String[] parts = hostKey.split(" ");
        StringBuilder known = new StringBuilder();
        for (String address : java.util.stream.Stream.concat(java.util.stream.Stream.of("127.0.0.1"), moreAddresses.stream()).toList()) {
            known.append("[").append(address).append("]:").append(port).append(" ").append(parts[0]).append(" ").append(parts[1]).append("\n");
        }
        Files.writeString(dir.resolve("known_hosts"), known);
        return new TestSshd(dir, port, p);
    }

    /**
     * The Docker engine this test process talks to ({@code DOCKER_HOST}, set per end-to-end fork), given to the sessions
     * too, so that what the tool does over SSH and what the test checks happen on one engine; empty for the default one.
     */
    private static String engine() {
        String host = System.getenv("DOCKER_HOST");
        return host == null || host.isBlank() ? "" : " DOCKER_HOST=" + host;
    }

    /** Whether something accepts connections on the loopback port: the connection is the probe. */
    @SuppressWarnings("try")
    private static boolean answers(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + out).isZero();
    }

    /** Makes sure a local login {@code name} exists; with {@code sudo} it may run anything with 'sudo -n'. */
    public static void ensureUser(String name, boolean sudo) throws Exception {
        if (new ProcessBuilder("id", "-u", name).start().waitFor() != 0) {
            run("useradd", "-m", "-s", "/bin/sh", name);
        }
        // No password, but not "locked" ('!'), which sshd without PAM refuses even for key logins.
        run("usermod", "-p", "*", name);
        Path rule = Path.of("/etc/sudoers.d/seatable-migrate-test-" + name);
        if (sudo) {
            // sudo keeps DOCKER_HOST (the sessions' engine, see engine()); a host's default engine needs none.
            Files.writeString(rule, "Defaults:" + name + " env_keep += \"DOCKER_HOST\"\n" + name + " ALL=(ALL) NOPASSWD:ALL\n");
            run("chmod", "0440", rule.toString());
        } else {
            Files.deleteIfExists(rule);
        }
    }

    /**
     * Cuts every open connection as a network failure would: kills sshd's per-connection processes, and only those.
     * The commands they ran are left to end on their own, as on a real host; killing them too would also kill the
     * login shell's start-up files mid-way (pyenv's rehash, for one, then leaves a lock behind that makes every
     * later login of that user wait 60 s).
     */
    public void cutConnections() {
        sshd.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/sshd")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    public SshEndpoint endpoint() {
        return new SshEndpoint("127.0.0.1", port, java.util.Optional.of("root"));
    }

    @Override
    public void close() {
        sshd.destroy();
    }
}

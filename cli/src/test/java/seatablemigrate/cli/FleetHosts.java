package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fleet test hosts that scripts/test-env.d/fleet-hosts starts: each its own network namespace, sshd and Docker
 * engine. A test gives each host a SeaTable stack (the bundled example, its own compose directory and backup root) and
 * asserts through that host's own engine, never through the code under test.
 */
final class FleetHosts implements AutoCloseable {
    static final Path STATE = Path.of("/run/seatable-migrate-test/fleet");
    static final Path KEY = STATE.resolve("id_ed25519");
    static final Path KNOWN_HOSTS = STATE.resolve("known_hosts");

    /** One test host and the stack on it. */
    record Host(String name, String address, int port, String socket, Path composeDir, Path backups) {
        String run(int timeoutSeconds, String... argv) {
            return FleetHosts.run(socket, timeoutSeconds, true, argv);
        }

        String image() {
            return run(20, "docker", "inspect", "-f", "{{.Config.Image}}", "seatable-server").strip();
        }

        String health() {
            return FleetHosts.run(socket, 20, false, "docker", "inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}",
                    "seatable-server").strip();
        }

        String env() {
            try {
                return Files.readString(composeDir.resolve(".env"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next start of SeaTable fails (the imitation image's switch); the one after succeeds. */
        void breakNextStart() throws IOException {
            Files.writeString(composeDir.resolve("data/seatable-server/fail-next-start"), "");
        }

        void awaitHealthy() {
            long deadline = System.currentTimeMillis() + 90_000;
            while (!health().equals("healthy")) {
                assertThat(System.currentTimeMillis()).as(name + " did not become healthy").isLessThan(deadline);
                ComposeProject.sleep(300);
            }
        }
    }

    final List<Host> hosts = new ArrayList<>();
    private final Path root;

    private FleetHosts(Path root) {
        this.root = root;
    }

    /** A stack on every test host, healthy: host N runs {@code images[N-1]} (the last one for the hosts after). */
    static FleetHosts withStacks(String... images) throws IOException {
        FleetHosts f = new FleetHosts(Files.createTempDirectory("fleet-it-"));
        List<String> lines = Files.readAllLines(STATE.resolve("hosts"));
        assertThat(lines).as("scripts/test-env starts at least 3 fleet hosts").hasSizeGreaterThanOrEqualTo(3);
        try {
            for (String line : lines) {
                String[] w = line.split(" ");
                Path dir = f.root.resolve(w[0] + "/seatable-compose");
                Files.createDirectories(dir);
                try (Stream<Path> files = Files.list(ComposeProject.EXAMPLE)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, dir.resolve(file.getFileName()));
                    }
                }
                String image = images[Math.min(f.hosts.size(), images.length - 1)];
                Files.writeString(dir.resolve(".env"), Files.readString(dir.resolve(".env"))
                        .replace("SEATABLE_IMAGE=\"seatable/seatable-enterprise:5.3.4\"", "SEATABLE_IMAGE=\"" + image + "\""));
                Host h = new Host(w[0], w[1], Integer.parseInt(w[2]), w[3], dir, Files.createDirectories(f.root.resolve(w[0] + "/backups")));
                h.run(20, "docker", "rm", "-f", "seatable-server", "mariadb");
                f.hosts.add(h);
            }
            f.hosts.parallelStream().forEach(h -> {
                FleetHosts.run(h.socket(), 120, true, "sh", "-c", "cd '" + h.composeDir() + "' && docker compose up -d");
                h.awaitHealthy();
            });
            return f;
        } catch (RuntimeException | Error e) {
            f.close();
            throw e;
        }
    }

    Host host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    /** An INI inventory of the hosts, with our host variables, in {@code dir}. */
    Path inventory(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("# fleet test hosts\n[seatable]\n");
        for (Host h : hosts) {
            sb.append(h.name()).append(" ansible_host=").append(h.address()).append(" ansible_port=").append(h.port())
                    .append(" seatable_compose_dir=").append(h.composeDir()).append(" seatable_backup_dir=").append(h.backups()).append('\n');
        }
        sb.append("[seatable:vars]\nansible_user=root\nansible_ssh_private_key_file=").append(KEY).append('\n');
        Path file = dir.resolve("hosts.ini");
        Files.writeString(file, sb.toString());
        return file;
    }

    Path root() {
        return root;
    }

    static String run(String socket, int timeoutSeconds, boolean mustSucceed, String... argv) {
        try {
            Path out = Files.createTempFile("fleet", ".out");
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("DOCKER_HOST", "unix://" + socket);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " timed out");
            }
            String text = Files.readString(out);
            Files.delete(out);
            if (mustSucceed) {
                assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + text).isZero();
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        hosts.parallelStream().forEach(h -> run(h.socket(), 120, false, "sh", "-c", "cd '" + h.composeDir() + "' && docker compose down -v"));
        ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", root.toString());
    }
}

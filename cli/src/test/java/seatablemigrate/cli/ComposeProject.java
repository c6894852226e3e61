package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import seatablemigrate.core.runfolder.RunFolder;

/**
 * A SeaTable-shaped Compose project in a temporary directory, made from the bundled example, run on the real
 * engine. Assertions go through the docker CLI, not through the code under test.
 */
final class ComposeProject implements AutoCloseable {
    static final Path EXAMPLE = Path.of(System.getProperty("seatable.example", "../examples/seatable-compose")).toAbsolutePath().normalize();
    /** The current official layout (Compose v2 syntax only): needs real `docker compose`. */
    static final Path OFFICIAL = EXAMPLE.resolveSibling("seatable-compose-official");
    /** The official layout's containers beside seatable-server and mariadb, which a switch must leave running. */
    static final List<String> OFFICIAL_OTHERS = List.of("redis", "caddy", "python-scheduler", "seatable-ai");
    final Path dir;
    private final List<String> compose;

    private ComposeProject(Path dir, List<String> compose) {
        this.dir = dir;
        this.compose = compose;
    }

    /**
     * Copies the official layout; {@code image} empty leaves .env without SEATABLE_IMAGE (the yml default, the
     * Enterprise Edition 5.3.4, decides); does not start it.
     */
    static ComposeProject official(java.util.Optional<String> image, byte[] license) throws IOException {
        Path dir = Files.createTempDirectory("seatable-official-");
        try (Stream<Path> files = Files.list(OFFICIAL)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        if (image.isPresent()) {
            Files.writeString(dir.resolve(".env"), "SEATABLE_IMAGE='" + image.get() + "'\n", java.nio.file.StandardOpenOption.APPEND);
        }
        Files.write(dir.resolve("seatable-license.txt"), license);
        return new ComposeProject(dir, List.of("docker", "compose"));
    }

    private String[] compose(String... args) {
        List<String> argv = new java.util.ArrayList<>(compose);
        argv.addAll(List.of(args));
        return argv.toArray(String[]::new);
    }

    /** Copies the example and sets the image and license; does not start it. */
    static ComposeProject create(String image, byte[] license) throws IOException {
        Path dir = Files.createTempDirectory("seatable-compose-");
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        String env = Files.readString(dir.resolve(".env"));
        env = env.replace("SEATABLE_IMAGE=\"seatable/seatable-enterprise:5.3.4\"", "SEATABLE_IMAGE=\"" + image + "\"");
        Files.writeString(dir.resolve(".env"), env);
        Files.write(dir.resolve("seatable-license.txt"), license);
        return new ComposeProject(dir, List.of("docker-compose"));
    }

    static byte[] validLicense() throws IOException {
        return Files.readAllBytes(EXAMPLE.resolve("seatable-license.txt"));
    }

    /** Starts the project and waits until it is healthy; when it does not come up, it is taken down again. */
    ComposeProject up() {
        try {
            start();
            awaitHealthy(90);
            return this;
        } catch (AssertionError e) {
            close();
            throw e;
        }
    }

    /** Starts the project ({@code up -d}: recreates what changed) and does not wait for it. */
    void start() {
        Docker.ok(dir, 120, compose("up", "-d"));
    }

    void awaitHealthy(int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (health("seatable-server").equals("healthy") && health("mariadb").equals("healthy")) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError("project did not become healthy: seatable-server " + health("seatable-server")
                + ", logs: " + Docker.run(dir, 20, "docker", "logs", "--tail", "20", "seatable-server").stdout());
    }

    static String health(String container) {
        return Docker.run(Path.of("/"), 20, "docker", "inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}", container)
                .stdout().strip();
    }

    static String image(String container) {
        return Docker.ok(Path.of("/"), 20, "docker", "inspect", "-f", "{{.Config.Image}}", container).strip();
    }

    /** Container ID plus start time: changes when the container is recreated or restarted. */
    static String identity(String container) {
        return Docker.ok(Path.of("/"), 20, "docker", "inspect", "-f", "{{.Id}} {{.State.StartedAt}}", container).strip();
    }

    static String serverInfo() {
        return Docker.ok(Path.of("/"), 20, "docker", "exec", "seatable-server", "wget", "-q", "-O", "-", "http://127.0.0.1:8000/server-info/");
    }

    /** Every regular file of the project except the data directories, with its bytes. */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    out.put(f.getFileName().toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return out;
    }

    byte[] read(String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    String env() throws IOException {
        return Files.readString(dir.resolve(".env"));
    }

    @Override
    public void close() {
        Docker.run(dir, 120, compose("down", "-v", "--remove-orphans"));
        Docker.run(Path.of("/"), 60, "rm", "-rf", dir.toString());
    }

    /**
     * The run folder under {@code backupRoot} whose run is inside its verify step's health wait: its journal began
     * verify and its log beside the backup shows the wait's first progress line.
     */
    static Optional<Path> runInHealthWait(Path backupRoot) throws IOException {
        try (Stream<Path> runs = Files.list(backupRoot)) {
            for (Path run : runs.toList()) {
                Path journal = run.resolve("journal.log");
                Path runLog = run.resolve(RunFolder.LOG);
                if (Files.exists(journal) && Files.readString(journal).contains("BEGIN verify") && Files.exists(runLog)
                        && Files.readString(runLog).contains("progress waiting for SeaTable")) {
                    return Optional.of(run);
                }
            }
        }
        return Optional.empty();
    }

    static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs docker and shell commands for the tests. */
    static final class Docker {
        record Result(int exit, String stdout, String stderr) {}

        static Result run(Path dir, int timeoutSeconds, String... argv) {
            try {
                Path out = Files.createTempFile("cmd", ".out");
                Path err = Files.createTempFile("cmd", ".err");
                ProcessBuilder pb = new ProcessBuilder(List.of(argv)).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().remove("SEATABLE_IMAGE");
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", argv) + " timed out");
                }
                Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
                Files.delete(out);
                Files.delete(err);
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        static String ok(Path dir, int timeoutSeconds, String... argv) {
            Result r = run(dir, timeoutSeconds, argv);
            assertThat(r.exit()).as(String.join(" ", argv) + " failed: " + r.stderr()).isZero();
            return r.stdout();
        }
    }
}

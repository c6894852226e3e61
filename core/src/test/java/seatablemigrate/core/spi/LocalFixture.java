package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import seatablemigrate.core.model.ComposeCli;

/** This machine's file system and Docker engine (through the docker CLI), for backends whose host is this machine. */
public final class LocalFixture implements Fixture {
    public static final LocalFixture INSTANCE = new LocalFixture();

    private LocalFixture() {}

    @Override
    public void write(Path path, byte[] bytes, int mode) throws Exception {
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
        Files.setPosixFilePermissions(path, FileStat.permissions(mode));
    }

    @Override
    public void symlink(Path link, Path target) throws Exception {
        Files.createSymbolicLink(link, target);
    }

    @Override
    public byte[] read(Path path) throws Exception {
        return Files.readAllBytes(path);
    }

    @Override
    public List<String> names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void stoppedContainer(String name, String image) throws Exception {
        docker("create", "--name", name, image);
    }

    @Override
    public void removeContainer(String name) throws Exception {
        docker("rm", "-f", name);
    }

    @Override
    public void tag(String image, String repoTag) throws Exception {
        docker("tag", image, repoTag);
    }

    @Override
    public void untag(String... repoTags) throws Exception {
        List<String> args = new ArrayList<>(List.of("rmi"));
        args.addAll(List.of(repoTags));
        docker(args.toArray(String[]::new));
    }

    @Override
    public String imageId(String reference) throws Exception {
        return docker("image", "inspect", "-f", "{{.Id}}", reference);
    }

    /**
     * Two services of the idle test image (the directory's name, unique per test, is the project's), with container
     * names unique to this process. {@code $$} is a literal {@code $} for Compose.
     */
    @Override
    public Project composeProject(Path dir) throws Exception {
        String suffix = "-" + ProcessHandle.current().pid();
        Project p = new Project(dir, ComposeCli.STANDALONE, "app", "seatable-migrate-contract-app" + suffix, "db",
                "seatable-migrate-contract-db" + suffix, "contract log line");
        String idle = "[\"sh\", \"-c\", \"trap 'exit 0' TERM INT; while :; do sleep 1 & wait $$!; done\"]";
        String logThenIdle = "[\"sh\", \"-c\", \"echo '" + p.logLine() + "'; trap 'exit 0' TERM INT; while :; do sleep 1 & wait $$!; done\"]";
        Files.writeString(dir.resolve("docker-compose.yml"), "services:\n"
                + "  app:\n    image: " + AbstractHostBackendContractTest.IDLE_IMAGE + "\n    container_name: " + p.container()
                + "\n    command: " + logThenIdle + "\n    depends_on:\n      - db\n"
                + "  db:\n    image: " + AbstractHostBackendContractTest.IDLE_IMAGE + "\n    container_name: " + p.otherContainer()
                + "\n    command: " + idle + "\n");
        return p;
    }

    @Override
    public void up(Project project) throws Exception {
        compose(project, "up", "-d");
    }

    @Override
    public void down(Project project) throws Exception {
        compose(project, "down", "--timeout", "1");
        removeContainer(project.container());
        removeContainer(project.otherContainer());
    }

    /** The test environment's plain registry holds the imitation SeaTable images (scripts/test-env). */
    @Override
    public String publishedImage() {
        return "127.0.0.1:5000/seatable/seatable-developer:5.3.0";
    }

    @Override
    public String unpublishedImage() {
        return "127.0.0.1:5000/seatable-migrate-contract/none:1";
    }

    private static void compose(Project project, String... args) throws Exception {
        List<String> argv = new ArrayList<>(project.cli().argv());
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(project.dir().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + out).isZero();
    }

    private static String docker(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }
}

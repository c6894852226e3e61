package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private static String docker(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }
}

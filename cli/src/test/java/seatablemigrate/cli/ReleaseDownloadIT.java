package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --download-release-files} as a user runs it: the packaged jar, its cache in {@code $XDG_CACHE_HOME}, and a
 * loopback server standing in for GitHub (releases' assets made with tar, the release API's digests). An offline upgrade
 * of a copy of the official layout from 5.3.4 to 6.0.3: both releases are downloaded and verified once, the plan uses
 * the target's files, a second run reads the cache, and a tarball that does not match its published digest is refused
 * with nothing written.
 */
class ReleaseDownloadIT {
    private static final String PIPELINE_60 = "# The Python pipeline's scheduler, as the 6.0 files have it.\n";

    @TempDir
    Path tmp;
    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private Path copy;
    private Path conf;
    private Path cache;

    @BeforeEach
    void github() throws Exception {
        copy = Files.createDirectories(tmp.resolve("copy"));
        try (Stream<Path> files = Files.list(ComposeProject.OFFICIAL)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        conf = Files.createDirectories(tmp.resolve("conf"));
        Files.setPosixFilePermissions(Files.writeString(conf.resolve("current_version.txt"), "5.3.4\n"), PosixFilePermissions.fromString("rw-r--r--"));
        cache = tmp.resolve("cache");

        byte[] base = release("v5.3.4", Map.of());
        String pipeline = Files.readString(ComposeProject.OFFICIAL.resolve("python-pipeline.yml")).replaceFirst("^# [^\n]*\n", PIPELINE_60);
        String server60 = Files.readString(ComposeProject.OFFICIAL.resolve("seatable-server.yml"))
                .replace("seatable/seatable-enterprise:5.3.4}", "seatable/seatable-enterprise:6.0.3}");
        assertThat(server60).contains("6.0.3");
        byte[] target = release("v6.0.3", Map.of("python-pipeline.yml", pipeline, "seatable-server.yml", server60));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (requests) {
                requests.add(path);
            }
            byte[] body = served.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        serve("v5.3.4", base, base);
        serve("v6.0.3", target, target);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** {@code tag}'s asset, and the digest the release API publishes for it (that of {@code published}). */
    private void serve(String tag, byte[] asset, byte[] published) throws Exception {
        served.put("/download/" + tag + "/seatable-compose.tar.gz", asset);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(published));
        served.put("/api/" + tag, ("{\"tag_name\":\"" + tag + "\",\"assets\":[{\"name\":\"seatable-compose.tar.gz\",\"size\":" + asset.length
                + ",\"digest\":\"sha256:" + digest + "\"}]}").getBytes(StandardCharsets.UTF_8));
    }

    /** A release's seatable-compose.tar.gz, made with tar: the official example's compose files, {@code changed} replaced. */
    private byte[] release(String tag, Map<String, String> changed) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("release-" + tag + "/compose"));
        try (Stream<Path> files = Files.list(ComposeProject.OFFICIAL)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".yml")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        for (Map.Entry<String, String> e : changed.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(dir.resolve(".env-release"), "COMPOSE_FILE='caddy.yml,seatable-server.yml'\nCOMPOSE_PATH_SEPARATOR=','\nTIME_ZONE='UTC'\n");
        Path tarball = tmp.resolve("release-" + tag + ".tar.gz");
        ComposeProject.Docker.ok(dir, 30, "tar", "-czf", tarball.toString(), ".");
        return Files.readAllBytes(tarball);
    }

    private ComposeProject.Docker.Result upgrade(Path script) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return ComposeProject.Docker.run(Path.of("."), 90, "env", "XDG_CACHE_HOME=" + cache, "java",
                "-Dseatable-migrate.release-downloads=" + base + "/download/", "-Dseatable-migrate.release-api=" + base + "/api/",
                "-jar", "target/seatable-migrate.jar", "upgrade", "--dry-run", "--offline", "--from", copy.toString(), "--seatable-conf-from",
                conf.toString(), "--version", "6.0.3", "--download-release-files", "--compose-dir", "/opt/seatable-compose",
                "--script", script.toString());
    }

    private List<String> downloads() {
        synchronized (requests) {
            return requests.stream().filter(p -> p.startsWith("/download/")).toList();
        }
    }

    @Test
    void bothReleasesAreDownloadedVerifiedAndCachedAndTheScriptBringsTheTargetsFiles() throws Exception {
        Path script = tmp.resolve("upgrade.sh");

        ComposeProject.Docker.Result r = upgrade(script);

        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout() + r.stderr()).contains("Downloading SeaTable's release files v5.3.4 (seatable-compose.tar.gz) from 127.0.0.1")
                .contains("Downloading SeaTable's release files v6.0.3 (seatable-compose.tar.gz) from 127.0.0.1")
                .contains("the digest GitHub publishes").doesNotContain("not verified");
        assertThat(downloads()).containsExactlyInAnyOrder("/download/v5.3.4/seatable-compose.tar.gz", "/download/v6.0.3/seatable-compose.tar.gz");
        String text = Files.readString(script);
        assertThat(text).contains(PIPELINE_60.strip()).contains("seatable/seatable-enterprise:6.0.3");
        ComposeProject.Docker.Result lint = ComposeProject.Docker.run(Path.of("/"), 60, "shellcheck", script.toString());
        assertThat(lint.stdout() + lint.stderr()).isEmpty();
        Path kept = cache.resolve("seatable-migrate/release-files/v6.0.3");
        assertThat(Files.readString(kept.resolve("python-pipeline.yml"))).startsWith(PIPELINE_60);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rwx------");

        // Again: from the cache, nothing downloaded, a script that brings the same files.
        Path again = tmp.resolve("again.sh");
        ComposeProject.Docker.Result second = upgrade(again);

        assertThat(second.exit()).as(second.stdout() + second.stderr()).isZero();
        assertThat(second.stdout() + second.stderr()).doesNotContain("Downloading");
        assertThat(downloads()).hasSize(2);
        assertThat(Files.readString(again)).contains(PIPELINE_60.strip()).contains("seatable/seatable-enterprise:6.0.3");
    }

    @Test
    void aTarballThatIsNotWhatGithubPublishesIsRefusedWithNothingWritten() throws Exception {
        byte[] tampered = release("v6.0.3-tampered", Map.of("seatable-server.yml", "services: {}\n"));
        serve("v6.0.3", tampered, release("v6.0.3-published", Map.of()));
        Path script = tmp.resolve("upgrade.sh");

        ComposeProject.Docker.Result r = upgrade(script);

        assertThat(r.exit()).as(r.stdout() + r.stderr()).isEqualTo(3);
        assertThat(r.stdout()).contains("[fail]     release-files   the seatable-compose.tar.gz of v6.0.3 downloaded has sha256 ")
                .contains("not the digest GitHub publishes for it").contains("Refused: refused by pre-flight (release-files): nothing was changed");
        assertThat(script).doesNotExist();
        // Nothing of the refused release is kept, not even in part: only the running release's verified files.
        try (Stream<Path> kept = Files.list(cache.resolve("seatable-migrate/release-files"))) {
            assertThat(kept.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("6.0.3"));
        }
    }
}

package seatablemigrate.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.plan.ReleaseFiles;
import seatablemigrate.core.plan.ReleaseSource;

class ReleaseDownloadTest {
    private static final SeaTableVersion RUNNING = SeaTableVersion.parse("6.0.10").orElseThrow();
    private static final SeaTableVersion TARGET = SeaTableVersion.parse("6.1.8").orElseThrow();
    private static final byte[] OLD = Tarballs.release("6.0.10");
    private static final byte[] NEW = Tarballs.release("6.1.8");

    @TempDir
    Path cache;

    private ReleaseServer server;
    private final List<String> announced = new ArrayList<>();

    @BeforeEach
    void server() throws IOException {
        server = new ReleaseServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ReleaseDownload download() {
        return ReleaseDownload.of(cache, server.endpoints(), announced::add);
    }

    /** The running release without a published digest, the target behind GitHub's redirect to its storage, with one. */
    private void github() {
        server.asset("v6.0.10", OLD).api("v6.0.10", null)
                .redirect("/download/v6.1.8/seatable-compose.tar.gz", server.base() + "storage/b?sig=SIGNED&se=2026")
                .serve("/storage/b", NEW).api("v6.1.8", "sha256:" + Sha256.of(NEW));
    }

    @Test
    void downloadsBothReleasesFollowsTheRedirectAndKeepsThemInTheCache() throws Exception {
        github();

        ReleaseSource.Provided p = download().provide(RUNNING, TARGET);

        assertThat(p.files().root()).isEqualTo(cache);
        assertThat(p.files().versions()).containsExactly(RUNNING, TARGET);
        assertThat(p.files().forVersion(TARGET).orElseThrow().files().get("seatable-server.yml")).isEqualTo(Tarballs.serverYml("6.1.8"));
        assertThat(p.files().forVersion(TARGET).orElseThrow().env()).contains("TIME_ZONE='Europe/Berlin'\n");
        assertThat(p.notes()).containsExactly(
                "files of v6.0.10 downloaded (sha256 " + Sha256.of(OLD).shortHex() + ", not verified against a published digest)",
                "files of v6.1.8 downloaded (sha256 " + Sha256.of(NEW).shortHex() + ", the digest GitHub publishes)");
        assertThat(announced).containsExactly("Downloading SeaTable's release files v6.0.10 (seatable-compose.tar.gz) from 127.0.0.1",
                "Its sha256 " + Sha256.of(OLD) + " is not verified against a published digest: its release API publishes no sha256 for it",
                "Downloading SeaTable's release files v6.1.8 (seatable-compose.tar.gz) from 127.0.0.1");
        assertThat(server.received()).extracting(ReleaseServer.Received::path).contains("/storage/b?sig=SIGNED&se=2026");
        assertThat(server.received()).noneMatch(ReleaseServer.Received::credential);
        // The cache is what ReleaseFiles.read reads, private to its user, and holds nothing half-written.
        assertThat(ReleaseFiles.read(cache).versions()).containsExactly(RUNNING, TARGET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("v6.1.8")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("v6.1.8/config")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("v6.1.8/seatable-server.yml"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(cache.resolve("v6.1.8").resolve(ReleaseCache.RECORD))).contains("tarball " + Sha256.of(NEW))
                .contains("published-digest matched").contains("file " + Sha256.of(Tarballs.serverYml("6.1.8").getBytes(StandardCharsets.UTF_8))
                        + " seatable-server.yml").contains(" config/seatable-nginx.conf");
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("v6.0.10", "v6.1.8");
        }
    }

    @Test
    void aSecondUseReadsTheCacheWithoutTheNetwork() throws Exception {
        github();
        download().provide(RUNNING, TARGET);
        server.close();
        announced.clear();

        ReleaseSource.Provided p = download().provide(RUNNING, TARGET);

        assertThat(p.files().versions()).containsExactly(RUNNING, TARGET);
        assertThat(p.notes()).containsExactly(
                "files of v6.0.10 from the cache " + cache.resolve("v6.0.10") + " (sha256 " + Sha256.of(OLD).shortHex()
                        + ", not verified against a published digest)",
                "files of v6.1.8 from the cache " + cache.resolve("v6.1.8") + " (sha256 " + Sha256.of(NEW).shortHex()
                        + ", the digest GitHub publishes)");
        assertThat(announced).isEmpty();
    }

    @Test
    void aChangedCacheIsRefusedNamingTheFolderToDelete() throws Exception {
        github();
        download().provide(RUNNING, TARGET);
        Path dir = cache.resolve("v6.1.8");

        Files.writeString(dir.resolve("seatable-server.yml"), "services: {}\n");
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).isInstanceOf(ReleaseSource.Unavailable.class)
                .hasMessage("the cached release files " + dir + " are not as they were downloaded (seatable-server.yml changed): delete "
                        + dir + " and plan again to download them anew");
        Files.write(dir.resolve("seatable-server.yml"), Tarballs.serverYml("6.1.8").getBytes(StandardCharsets.UTF_8));
        download().provide(RUNNING, TARGET); // as downloaded again

        Files.writeString(dir.resolve("custom.yml"), "services: {}\n");
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).hasMessageContaining("(custom.yml was added)");
        Files.delete(dir.resolve("custom.yml"));
        Files.createSymbolicLink(dir.resolve("config/link"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).hasMessageContaining("(config/link is no regular file)");
        Files.delete(dir.resolve("config/link"));
        Files.delete(dir.resolve(".env-release"));
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).hasMessageContaining("(.env-release is missing)");
    }

    @Test
    void aDigestThatDiffersRefusesTheFilesAndKeepsNothing() {
        github();
        server.api("v6.1.8", "sha256:" + Sha256.of(OLD));

        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).isInstanceOf(ReleaseSource.Unavailable.class)
                .hasMessage("the seatable-compose.tar.gz of v6.1.8 downloaded has sha256 " + Sha256.of(NEW)
                        + ", not the digest GitHub publishes for it (" + Sha256.of(OLD) + "): refused");
        assertThat(cache.resolve("v6.1.8")).doesNotExist();
    }

    @Test
    void aRedirectToPlainHttpElsewhereIsRefused() {
        github();
        server.redirect("/download/v6.1.8/seatable-compose.tar.gz", "http://downloads.example.com/seatable-compose.tar.gz");

        assertThatThrownBy(() -> download().provide(RUNNING, TARGET))
                .hasMessage("127.0.0.1 redirected to downloads.example.com over a connection that is not https: refused, SeaTable's"
                        + " release files are not downloaded");
    }

    @Test
    void endlessRedirectsEndAfterFive() {
        github();
        server.redirect("/download/v6.1.8/seatable-compose.tar.gz", "/loop").redirect("/loop", "/loop");

        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).hasMessage("127.0.0.1 redirected more than 5 times: SeaTable's"
                + " release files are not downloaded");
    }

    @Test
    void hostileTarballsAreRefusedWithWhatIsWrong() {
        github();
        server.asset("v6.0.10", Tarballs.gnu().file("./../escape.yml", "x: 1\n").gz());
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET))
                .hasMessage("the seatable-compose.tar.gz of v6.0.10 is refused: './../escape.yml' climbs out of its folder (..)");
        server.asset("v6.0.10", Tarballs.gnu().file("/etc/cron.d/x", "x").gz());
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).hasMessageEndingWith("'/etc/cron.d/x' is an absolute name");
        server.asset("v6.0.10", Tarballs.gnu().entry("./seatable-server.yml", '2', new byte[0], false).gz());
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).hasMessageEndingWith("is a symbolic link: a release tarball holds"
                + " only files and folders");
        server.asset("v6.0.10", Tarballs.gnu().entry("./seatable-server.yml", '0', new byte[4], true).gz());
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).hasMessageEndingWith("has a wrong checksum: the tarball is damaged");
        server.asset("v6.0.10", new byte[ReleaseTarball.MAX_TARBALL_BYTES + 1]);
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET))
                .hasMessage("the seatable-compose.tar.gz of v6.0.10 is an answer larger than 4 MiB, more than a release's compose files: refused");
        // Well formed, but not what ReleaseFiles.read takes: held to the folder's rules.
        server.asset("v6.0.10", Tarballs.gnu().file("./seatable-server.yml", "\0").gz());
        assertThatThrownBy(() -> download().provide(RUNNING, TARGET)).hasMessageStartingWith("SeaTable's release files of v6.0.10 as downloaded"
                + " are refused: ").hasMessageEndingWith("seatable-server.yml holds NUL bytes: it is no compose file");
        assertThat(cache.resolve("v6.0.10")).doesNotExist();
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).isEmpty(); // no temporary folder left behind
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnreachableServerNamesTheOfflineWay() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port + "/";
        ReleaseDownload d = ReleaseDownload.of(cache, new ReleaseEndpoints(URI.create(base + "download/"),
                URI.create(base + "api/")), announced::add);

        assertThatThrownBy(() -> d.provide(RUNNING, TARGET)).hasMessage("SeaTable's release files of v6.0.10 could not be downloaded from"
                + " 127.0.0.1 (the connection was refused or failed); without the network, --release-files DIR is the offline way: a"
                + " folder per release with the files of its seatable-compose.tar.gz");
    }

    @Test
    void aTargetWithoutTarballIsRefusedARunningOneIsStoodInFor() throws Exception {
        server.asset("v6.1.8", NEW).api("v6.1.8", "sha256:" + Sha256.of(NEW));
        SeaTableVersion running = SeaTableVersion.parse("6.1.3").orElseThrow();

        ReleaseSource.Provided p = download().provide(running, TARGET);

        assertThat(p.files().forVersion(running).orElseThrow().version()).isEqualTo(TARGET);
        assertThat(p.notes().get(0)).isEqualTo("SeaTable published no release files for the running v6.1.3: the nearest of 6.1.x stand in for them");
        assertThatThrownBy(() -> download().provide(TARGET, SeaTableVersion.parse("6.1.9").orElseThrow()))
                .hasMessage("SeaTable published no seatable-compose.tar.gz for v6.1.9 (HTTP 404 from 127.0.0.1; it tags only some"
                        + " releases): give the files of its MAJOR.MINOR with --release-files DIR");
    }
}

package seatablemigrate.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReleaseTarballTest {
    @Test
    void readsWhatTarWritesForARelease() throws Exception {
        List<ReleaseTarball.Entry> entries = ReleaseTarball.read(Tarballs.release("6.1.8"));

        assertThat(entries).extracting(ReleaseTarball.Entry::path)
                .containsExactly("seatable-server.yml", ".env-release", "config", "config/seatable-nginx.conf");
        assertThat(entries.get(2).directory()).isTrue();
        assertThat(new String(entries.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo(Tarballs.serverYml("6.1.8"));
    }

    @Test
    void readsUstarAndGnuLongNames() throws Exception {
        String deep = "tools/" + "a".repeat(120) + ".sh";
        List<ReleaseTarball.Entry> entries = ReleaseTarball.read(Tarballs.ustar().file("x.yml", "a: 1\n").gz());
        List<ReleaseTarball.Entry> gnu = ReleaseTarball.read(Tarballs.gnu().longFile(deep, "echo\n").gz());

        assertThat(entries).extracting(ReleaseTarball.Entry::path).containsExactly("x.yml");
        assertThat(gnu).extracting(ReleaseTarball.Entry::path).containsExactly(deep);
    }

    @Test
    void refusesNamesThatLeaveTheFolder() {
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().file("./../x", "a").gz()))
                .hasMessage("'./../x' climbs out of its folder (..)");
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().file("config/../../x", "a").gz()))
                .hasMessage("'config/../../x' climbs out of its folder (..)");
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().file("/etc/cron.d/x", "a").gz()))
                .hasMessage("'/etc/cron.d/x' is an absolute name");
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().file("a//b", "a").gz()))
                .hasMessage("'a//b' is not a plain relative name");
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().file("x\n.yml", "a").gz()))
                .hasMessage("'x\\n.yml' is not a plain relative name");
    }

    @Test
    void refusesLinksDevicesAndPaxHeaders() {
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().entry("./seatable-server.yml", '2', new byte[0], false).gz()))
                .hasMessage("'./seatable-server.yml' is a symbolic link: a release tarball holds only files and folders");
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().entry("./x.yml", '1', new byte[0], false).gz()))
                .hasMessageContaining("is a hard link");
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().entry("./null", '3', new byte[0], false).gz()))
                .hasMessageContaining("is a device");
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.ustar().entry("PaxHeaders/x", 'x', "30 path=/etc/x\n".getBytes(StandardCharsets.UTF_8), false).gz()))
                .hasMessageContaining("is a pax header");
    }

    @Test
    void refusesABadChecksumADuplicateAndACutArchive() {
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().entry("./x.yml", '0', new byte[3], true).gz()))
                .hasMessage("the header of './x.yml' has a wrong checksum: the tarball is damaged");
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gnu().file("./x.yml", "a").file("x.yml", "b").gz()))
                .hasMessage("'x.yml' is in it twice");
        byte[] tar = Tarballs.gnu().file("./x.yml", "a").tar();
        assertThatThrownBy(() -> ReleaseTarball.read(Tarballs.gzip(Arrays.copyOf(tar, 700))))
                .hasMessage("it ends inside an entry: the tarball is cut off");
        assertThatThrownBy(() -> ReleaseTarball.read("not gzip".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("it is no gzip-compressed tar archive");
    }

    @Test
    void refusesAnArchiveThatUnpacksTooLargeOrHoldsTooManyEntries() {
        byte[] big = Tarballs.gnu().entry("./big.yml", '0', new byte[(int) ReleaseTarball.MAX_UNPACKED_BYTES + 1], false).gz();
        assertThatThrownBy(() -> ReleaseTarball.read(big)).hasMessage("an entry is larger than 32 MiB");
        Tarballs files = Tarballs.gnu();
        for (int i = 0; i < 33; i++) {
            files.entry("./f" + i, '0', new byte[1 << 20], false);
        }
        byte[] bomb = files.gz();
        assertThat(bomb.length).isLessThan(ReleaseTarball.MAX_TARBALL_BYTES);
        assertThatThrownBy(() -> ReleaseTarball.read(bomb)).hasMessage("it unpacks to more than 32 MiB");

        Tarballs many = Tarballs.gnu();
        for (int i = 0; i <= ReleaseTarball.MAX_ENTRIES; i++) {
            many.dir("d" + i + "/");
        }
        assertThatThrownBy(() -> ReleaseTarball.read(many.gz())).hasMessage("it holds more than 1000 entries");
    }

    /** Generated hostile names: each is refused, or names a place inside the folder with no part that climbs. */
    @Test
    void noGeneratedNameLeavesTheFolder() {
        Random random = new Random(25);
        String[] pieces = {"a", ".", "..", "/", "\\", "\0", " ", "-", "~", "%2e", "\n", "é"};
        Path root = Path.of("/cache/v6.1.8");
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            for (int k = random.nextInt(8) + 1; k > 0; k--) {
                name.append(pieces[random.nextInt(pieces.length)]);
            }
            try {
                String path = ReleaseTarball.path(name.toString());
                Path at = root.resolve(path).normalize();
                assertThat(at.startsWith(root)).as(name.toString()).isTrue();
                if (!path.isEmpty()) { // the archive's root itself, skipped
                    assertThat(path.split("/")).as(name.toString()).doesNotContain("..", ".", "");
                }
            } catch (ReleaseTarball.Refused e) {
                assertThat(e.getMessage()).as(name.toString()).isNotBlank();
            }
        }
    }
}

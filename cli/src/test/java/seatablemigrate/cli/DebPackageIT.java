package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The .deb as an admin installs it: with dpkg into a clean Debian that has only a Java 17 runtime (an image the test
 * environment makes with debootstrap), without network; then the installed command runs there: --version, an offline
 * dry-run of the bundled example, the man page, bash completion; and it leaves nothing behind when removed.
 */
class DebPackageIT {
    private static Path deb() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("seatable-migrate_.*_all\\.deb")).toList();
            assertThat(debs).as("mvn package builds one .deb").hasSize(1);
            return debs.get(0).toAbsolutePath();
        }
    }

    /**
     * Debian's own checks on the package (lintian, which the test environment installs): no error and no warning. It
     * used to report a missing copyright file and changelog, an unversioned dependency on the essential bash, an
     * overlong description line and a shebang in the completion script.
     */
    @Test
    void lintianFindsNothingToFix() throws Exception {
        Path deb = deb();
        ComposeProject.Docker.Result r = ComposeProject.Docker.run(Path.of("."), 300, "lintian", "--fail-on", "error,warning",
                "--tag-display-limit", "0", deb.toString());
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).doesNotContainPattern("(?m)^[EW]: ");
        assertThat(ComposeProject.Docker.ok(Path.of("."), 30, "dpkg-deb", "-f", deb.toString(), "Maintainer").strip())
                .isEqualTo("seatable-migrate maintainers <maintainers@seatable-migrate.org>");
        String files = ComposeProject.Docker.ok(Path.of("."), 30, "dpkg-deb", "-c", deb.toString());
        assertThat(files).contains("./usr/share/doc/seatable-migrate/copyright", "./usr/share/doc/seatable-migrate/changelog.gz");
        // The copyright file names every library class tree the jar holds (one Files paragraph each, by package).
        String copyright = Files.readString(Path.of("src/deb/copyright"));
        List<String> trees;
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile("target/seatable-migrate.jar")) {
            // A library's tree: its first two folders (com/google/), or one for a top-level package (picocli/).
            trees = jar.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("seatablemigrate/") && !n.startsWith("META-INF/"))
                    .map(n -> n.split("/")).map(p -> p.length > 2 ? p[0] + "/" + p[1] + "/" : p[0] + "/").distinct().toList();
        }
        assertThat(trees).contains("picocli/", "org/bouncycastle/", "com/google/");
        for (String tree : trees) {
            assertThat(copyright).as("a Files paragraph for the library classes under " + tree)
                    .containsPattern("(?m)^Files: (.* )?" + java.util.regex.Pattern.quote(tree));
        }
    }

    @Test
    void theDebInstallsIntoACleanDebianAndRunsThere() throws Exception {
        Path deb = deb();
        String depends = ComposeProject.Docker.ok(Path.of("."), 30, "dpkg-deb", "-f", deb.toString(), "Depends");
        assertThat(depends).contains("default-jre-headless (>= 2:1.17) | java17-runtime-headless");
        String script = String.join("\n",
                "set -e",
                "dpkg -i /tmp/pkg/seatable-migrate.deb",
                "echo \"bin: $(command -v seatable-migrate) -> $(readlink -f /usr/bin/seatable-migrate)\"",
                "seatable-migrate --version",
                "test -s /usr/share/seatable-migrate/lib/seatable-migrate.jsa && echo 'start-up archive: made by postinst'",
                "seatable-migrate migrate --dry-run --offline --from /srv/example --to developer --version 5.3.0 --script /tmp/audit.sh",
                "bash -n /tmp/audit.sh && echo 'audit script: valid bash'",
                "echo \"man: $(man -w seatable-migrate)\"",
                "MANWIDTH=200 man seatable-migrate 2>/dev/null | tr -s ' ' | grep -m1 -o 'seatable-migrate - Switches a SeaTable Server'",
                "bash -c 'source /usr/share/bash-completion/completions/seatable-migrate && complete -p seatable-migrate'",
                "dpkg -r seatable-migrate >/dev/null",
                "test ! -e /usr/share/seatable-migrate && test ! -e /usr/bin/seatable-migrate && echo 'removed: nothing left'");
        ComposeProject.Docker.Result r = ComposeProject.Docker.run(Path.of("."), 300, "docker", "run", "--rm", "--network", "none",
                "-v", deb + ":/tmp/pkg/seatable-migrate.deb:ro", "-v", ComposeProject.EXAMPLE + ":/srv/example:ro",
                "seatable-migrate-test/debian-java:17", "bash", "-c", script);
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("bin: /usr/bin/seatable-migrate -> /usr/share/seatable-migrate/bin/seatable-migrate")
                .contains("seatable-migrate " + Versions.TOOL)
                .contains("start-up archive: made by postinst")
                .contains("Dry run: nothing was changed. Audit script: /tmp/audit.sh")
                .contains("audit script: valid bash")
                .contains("man: /usr/share/man/man1/seatable-migrate.1.gz")
                .contains("seatable-migrate - Switches a SeaTable Server")
                .contains("complete -o default -F _seatable_migrate_complete seatable-migrate")
                .contains("removed: nothing left");
    }
}

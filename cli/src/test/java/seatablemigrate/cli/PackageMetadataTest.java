package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Sha256;

/**
 * What the project and its .deb say about who made it and under which licence, as a packager or a legal review reads
 * them: the Apache License 2.0 word for word in LICENSE, a maintainer one can write to (no {@code .invalid}), and
 * Debian's machine-readable copyright file that names the licence of every library the jar holds. lintian checks the
 * built .deb ({@code DebPackageIT}).
 */
class PackageMetadataTest {
    private static final Path ROOT = Path.of("..");
    /** sha256 of https://www.apache.org/licenses/LICENSE-2.0.txt (Debian's /usr/share/common-licenses/Apache-2.0). */
    private static final String APACHE_2_0 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";

    @Test
    void theProjectIsLicensedUnderTheApacheLicenseWordForWord() throws Exception {
        byte[] license = Files.readAllBytes(ROOT.resolve("LICENSE"));
        assertThat(Sha256.of(license).hex()).as("LICENSE is the standard text, unchanged").isEqualTo(APACHE_2_0);
        assertThat(Files.readString(ROOT.resolve("cli/src/assembly/dist.xml"))).as("the tarball ships it").contains("../LICENSE");
    }

    @Test
    void theDebNamesARealMaintainerAndItsCopyright() throws Exception {
        List<String> control = Files.readAllLines(Path.of("src/deb/control/control"));
        assertThat(control).noneMatch(l -> l.contains(".invalid"))
                .anyMatch(l -> l.matches("Maintainer: [^<>]+ <[^@<>\\s]+@[a-z0-9.-]+\\.[a-z]{2,}>"));
        String copyright = Files.readString(Path.of("src/deb/copyright"));
        assertThat(copyright).startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n")
                .contains("\nFiles: *\nCopyright: 2026 seatable-migrate maintainers\nLicense: Apache-2.0\n")
                .contains("\nLicense: Apache-2.0\n", "\nLicense: MIT\n", "/usr/share/common-licenses/Apache-2.0");
        // Every library class tree in the jar is named by a Files paragraph (checked against the jar in DebPackageIT).
        for (String tree : List.of("picocli/", "com/google/", "com/fasterxml/jackson/", "com/github/dockerjava/", "net/schmizz/",
                "com/hierynomus/", "org/apache/", "org/yaml/snakeyaml/", "org/bouncycastle/", "org/slf4j/", "com/sun/jna/", "jakarta/inject/",
                "org/aopalliance/", "org/jspecify/")) {
            assertThat(copyright).as(tree).containsPattern("(?m)^Files: .*" + java.util.regex.Pattern.quote(tree));
        }
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<src>${basedir}/src/deb/copyright</src>", "changelog.gz");
    }
}

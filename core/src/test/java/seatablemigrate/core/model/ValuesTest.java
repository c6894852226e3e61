package seatablemigrate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void versions() {
        assertThat(SeaTableVersion.parse("5.3.4")).contains(new SeaTableVersion(5, 3, 4));
        assertThat(SeaTableVersion.parse(" v6.1.12\n")).contains(new SeaTableVersion(6, 1, 12));
        assertThat(SeaTableVersion.parse("latest")).isEmpty();
        assertThat(SeaTableVersion.parse("5.3")).isEmpty();
        assertThat(new SeaTableVersion(3, 3, 7).sameMinor(new SeaTableVersion(3, 3, 0))).isTrue();
        assertThat(new SeaTableVersion(3, 3, 7).sameMinor(new SeaTableVersion(3, 4, 0))).isFalse();
        assertThat(new SeaTableVersion(5, 10, 0)).isGreaterThan(new SeaTableVersion(5, 9, 9));
    }

    @Test
    void imageReferences() {
        ImageRef plain = ImageRef.parse("seatable/seatable-enterprise:6.1.8").orElseThrow();
        assertThat(plain.registry()).isEmpty();
        assertThat(plain.edition()).contains(Edition.ENTERPRISE);
        assertThat(plain.version()).contains(new SeaTableVersion(6, 1, 8));

        ImageRef prefixed = ImageRef.parse("registry.local:5000/seatable/seatable-enterprise:6.1.8").orElseThrow();
        assertThat(prefixed.registry()).contains("registry.local:5000");
        assertThat(prefixed.repository()).isEqualTo("registry.local:5000/seatable/seatable-enterprise");
        assertThat(prefixed.forEdition(Edition.DEVELOPER, new SeaTableVersion(6, 1, 0)).toString())
                .isEqualTo("registry.local:5000/seatable/seatable-developer:6.1.0");

        String digest = "sha256:" + "a".repeat(64);
        ImageRef pinned = ImageRef.parse("seatable/seatable-developer@" + digest).orElseThrow();
        assertThat(pinned.digest()).contains(digest);
        assertThat(pinned.tag()).isEmpty();
        assertThat(pinned.isFloating()).isFalse();
        assertThat(pinned.toString()).isEqualTo("seatable/seatable-developer@" + digest);

        assertThat(ImageRef.parse("seatable/seatable-developer:latest").orElseThrow().isFloating()).isTrue();
        for (String db : new String[] {"mariadb:11.8.3", "mariadb", "registry.local:5000/library/mariadb:10.11", "mysql:8.0",
                "seatable-migrate-test/mariadb:10.11"}) {
            assertThat(ImageRef.parse(db).orElseThrow().isDatabaseServer()).as(db).isTrue();
        }
        assertThat(ImageRef.parse("seatable/seatable-enterprise:5.3.4").orElseThrow().isDatabaseServer()).isFalse();
        assertThat(ImageRef.parse("redis:8").orElseThrow().isDatabaseServer()).isFalse();
        assertThat(ImageRef.parse("seatable/seatable-ee:2.7.0").orElseThrow().edition()).contains(Edition.ENTERPRISE);
        assertThat(ImageRef.parse("seatable/seatable:2.7.0").orElseThrow().edition()).contains(Edition.DEVELOPER);
        assertThat(ImageRef.parse("localhost/seatable/seatable-developer:1.0.0").orElseThrow().registry()).contains("localhost");
        assertThat(ImageRef.parse("nginx").orElseThrow().edition()).isEmpty();
        assertThat(ImageRef.parse("Bad Image")).isEmpty();
        // A registry prefix is a host name (or address) with an optional port: nothing a shell or .env would interpret.
        for (String hostile : new String[] {"reg#istry.local/seatable/seatable-developer:5.3.0", "reg'istry.local:5000/seatable/seatable-developer:5.3.0",
                "reg\\istry.local/seatable/seatable-developer:5.3.0", "$(x).local/seatable/seatable-developer:5.3.0",
                "registry.local:50a0/seatable/seatable-developer:5.3.0", "-registry.local/seatable/seatable-developer:5.3.0"}) {
            assertThat(ImageRef.parse(hostile)).as(hostile).isEmpty();
        }
        assertThat(ImageRef.parse("[::1]:5000/seatable/seatable-developer:5.3.0").orElseThrow().registry()).contains("[::1]:5000");
        assertThat(ImageRef.parse("10.0.0.5:5000/seatable/seatable-developer:5.3.0").orElseThrow().registry()).contains("10.0.0.5:5000");
        assertThat(ImageRef.parse("seatable/seatable-enterprise:")).isEmpty();
    }

    @Test
    void editions() {
        assertThat(Edition.fromServerInfo("Enterprise Edition")).contains(Edition.ENTERPRISE);
        assertThat(Edition.fromServerInfo("developer edition")).contains(Edition.DEVELOPER);
        assertThat(Edition.parse("EE")).contains(Edition.ENTERPRISE);
        assertThat(Edition.parse("community")).isEmpty();
    }

    private static final String LICENSE = "#SeaTable server licence\nName = \"ACME\"\nLicencetype = \"User\"\n"
            + "LicenceKEY = \"1234\"\nProductID = \"SeaTable server\"\nExpiration = \"2027-01-31\"\nMaxUsers = \"50\"\n"
            + "Mode = \"subscription\"\nHash = \"abcdef\"\n";

    @Test
    void licenses() {
        License l = License.parse(LICENSE.getBytes(StandardCharsets.UTF_8));
        assertThat(l.name()).contains("ACME");
        assertThat(l.maxUsers()).hasValue(50);
        assertThat(l.isExpiredOn(LocalDate.of(2027, 1, 30))).isFalse();
        assertThat(l.isExpiredOn(LocalDate.of(2027, 1, 31))).isTrue();
        assertThat(l.summary()).isEqualTo("valid until 2027-01-31, 50 users").doesNotContain("1234");

        License lifetime = License.parse(LICENSE.replace("subscription", "life-time").getBytes(StandardCharsets.UTF_8));
        assertThat(lifetime.isExpiredOn(LocalDate.of(2100, 1, 1))).isFalse();

        License empty = License.parse(new byte[0]);
        assertThat(empty.empty()).isTrue();
        assertThat(empty.isExpiredOn(LocalDate.of(2000, 1, 1))).isTrue();

        assertThatThrownBy(() -> License.parse("Name = \"x\"\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LicenseFormatException.class).hasMessageContaining("no Expiration");
        assertThatThrownBy(() -> License.parse(LICENSE.replace("2027-01-31", "soon").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LicenseFormatException.class).hasMessageContaining("not a date");
        assertThat(LicenseState.file(java.nio.file.Path.of("/x"), "garbage".getBytes(StandardCharsets.UTF_8)).problem())
                .isEqualTo(Optional.of("the license file cannot be read: it has no Expiration line"));
    }
}

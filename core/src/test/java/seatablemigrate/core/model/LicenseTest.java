package seatablemigrate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LicenseTest {
    private static final String LICENSE = "#SeaTable server licence\nName = \"ACME\"\nLicencetype = \"User\"\n"
            + "LicenceKEY = \"1234\"\nProductID = \"SeaTable server\"\nExpiration = \"2027-01-31\"\nMaxUsers = \"50\"\n"
            + "Mode = \"subscription\"\nHash = \"abcdef\"\n";

    @Test
    void readsExpiryAndUsersAndRefusesAFileWithoutADate() {
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
        assertThat(LicenseState.file(Path.of("/x"), "garbage".getBytes(StandardCharsets.UTF_8)).problem())
                .isEqualTo(Optional.of("the license file cannot be read: it has no Expiration line"));
    }
}

package seatablemigrate.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeaTableVersionTest {
    @Test
    void parsesExactVersionsAndOrdersThemNumerically() {
        assertThat(SeaTableVersion.parse("5.3.4")).contains(new SeaTableVersion(5, 3, 4));
        assertThat(SeaTableVersion.parse(" v6.1.12\n")).contains(new SeaTableVersion(6, 1, 12));
        assertThat(SeaTableVersion.parse("latest")).isEmpty();
        assertThat(SeaTableVersion.parse("5.3")).isEmpty();
        assertThat(new SeaTableVersion(3, 3, 7).sameMinor(new SeaTableVersion(3, 3, 0))).isTrue();
        assertThat(new SeaTableVersion(3, 3, 7).sameMinor(new SeaTableVersion(3, 4, 0))).isFalse();
        assertThat(new SeaTableVersion(5, 10, 0)).isGreaterThan(new SeaTableVersion(5, 9, 9));
    }
}

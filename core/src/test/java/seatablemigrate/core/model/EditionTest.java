package seatablemigrate.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditionTest {
    @Test
    void readsTheServersWordsAndTheOptionsNames() {
        assertThat(Edition.fromServerInfo("Enterprise Edition")).contains(Edition.ENTERPRISE);
        assertThat(Edition.fromServerInfo("developer edition")).contains(Edition.DEVELOPER);
        assertThat(Edition.parse("EE")).contains(Edition.ENTERPRISE);
        assertThat(Edition.parse("community")).isEmpty();
    }
}

package seatablemigrate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvFileTest {
    private static final String ENV = "# SeaTable\r\n"
            + "COMPOSE_FILE='caddy.yml,seatable-server.yml'\r\n"
            + "\r\n"
            + "  export SEATABLE_IMAGE = \"seatable/seatable-enterprise:5.3.4\"   # pinned\r\n"
            + "MARIADB_PASSWORD=s3cr3t#not-a-comment\r\n"
            + "EMPTY=\r\n"
            + "TIME_ZONE=Europe/Berlin # comment";

    private static EnvFile parse(String s) {
        return EnvFile.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsValuesAsComposeDoes() {
        EnvFile env = parse(ENV);
        assertThat(env.get("COMPOSE_FILE")).contains("caddy.yml,seatable-server.yml");
        assertThat(env.get("SEATABLE_IMAGE")).contains("seatable/seatable-enterprise:5.3.4");
        assertThat(env.get("MARIADB_PASSWORD")).contains("s3cr3t#not-a-comment");
        assertThat(env.get("EMPTY")).contains("");
        assertThat(env.get("TIME_ZONE")).contains("Europe/Berlin");
        assertThat(env.get("MISSING")).isEmpty();
    }

    @Test
    void roundTripsByteForByte() {
        byte[] bytes = ENV.getBytes(StandardCharsets.UTF_8);
        assertThat(EnvFile.parse(bytes).bytes()).isEqualTo(bytes);
    }

    @Test
    void changesOnlyTheImageLineKeepingQuotesSpacingAndComment() {
        EnvFile edited = parse(ENV).withValue("SEATABLE_IMAGE", "registry.local:5000/seatable/seatable-developer:5.3.0");
        String expected = ENV.replace("seatable/seatable-enterprise:5.3.4", "registry.local:5000/seatable/seatable-developer:5.3.0");
        assertThat(new String(edited.bytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void keepsSingleQuotesAndBareValues() {
        assertThat(new String(parse("A=1\nSEATABLE_IMAGE='x:1'\n").withValue("SEATABLE_IMAGE", "y:2").bytes(), StandardCharsets.UTF_8))
                .isEqualTo("A=1\nSEATABLE_IMAGE='y:2'\n");
        assertThat(new String(parse("SEATABLE_IMAGE=x:1 # c\nB=2").withValue("SEATABLE_IMAGE", "y:2").bytes(), StandardCharsets.UTF_8))
                .isEqualTo("SEATABLE_IMAGE=y:2 # c\nB=2");
    }

    @Test
    void appendsAnAbsentKeyWithTheFilesLineEnding() {
        assertThat(new String(parse("A=1\r\nB=2").withValue("SEATABLE_IMAGE", "y:2").bytes(), StandardCharsets.UTF_8))
                .isEqualTo("A=1\r\nB=2\r\nSEATABLE_IMAGE='y:2'\r\n");
        assertThat(new String(parse("").withValue("SEATABLE_IMAGE", "y:2").bytes(), StandardCharsets.UTF_8))
                .isEqualTo("SEATABLE_IMAGE='y:2'\n");
    }

    @Test
    void rejectsMalformedLinesNamingTheLineNotTheValue() {
        assertThatThrownBy(() -> parse("A=1\nthis is broken\n")).isInstanceOf(EnvFileFormatException.class)
                .hasMessage("line 2: expected KEY=VALUE, a comment or a blank line");
        assertThatThrownBy(() -> parse("PASSWORD='s3cr3t\n")).isInstanceOf(EnvFileFormatException.class)
                .hasMessageContaining("line 1").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void neverShowsValues() {
        EnvFile env = parse(ENV);
        assertThat(env.toString()).doesNotContain("s3cr3t");
        assertThat(env.secretValues()).extracting(Secret::reveal).containsExactly("s3cr3t#not-a-comment");
        assertThat(env.secretValues().get(0).toString()).isEqualTo(Secret.MASK);
    }
}

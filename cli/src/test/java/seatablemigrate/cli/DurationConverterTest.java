package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter c = new DurationConverter();

    @Test
    void readsTheShortFormsAsJavaTimeDoes() {
        assertThat(c.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.convert(" 1H ")).isEqualTo(Duration.ofHours(1));
        assertThat(c.convert("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(c.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("1d2h3m4s")).isEqualTo(Duration.parse("P1DT2H3M4S"));
    }

    @Test
    void anythingElseIsAClearConversionError() {
        for (String bad : List.of("", "0s", "5", "m5", "5x", "-5m", "5m5m", "30s1m", "1.5h", "1234567890s", "PT5M")) {
            assertThatThrownBy(() -> c.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("is not a duration such as 90s, 5m, 1h or 30d");
        }
    }
}

package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One reading of the engine's info for every backend. */
class RegistrySettingsTest {
    @Test
    void anIndexMarkedNotSecureIsAllowedOverPlainHttpBesideTheCidrs() {
        Map<String, Boolean> indexes = new HashMap<>();
        indexes.put("docker.io", true);
        indexes.put("reg.lan:5000", false);
        indexes.put("broken", null);
        RegistrySettings s = RegistrySettings.fromEngineInfo("linux", "aarch64", List.of("https://mirror.example"), List.of("127.0.0.0/8"), indexes);
        assertThat(s.insecure()).containsExactly("127.0.0.0/8", "reg.lan:5000");
        assertThat(s.platform()).isEqualTo("linux/arm64");
        assertThat(s.mirrors()).containsExactly("https://mirror.example");
    }

    @Test
    void missingFieldsTakeDockersDefaults() {
        RegistrySettings s = RegistrySettings.fromEngineInfo(null, "x86_64", List.of(), List.of(), Map.of());
        assertThat(s.platform()).isEqualTo("linux/amd64");
        assertThat(RegistrySettings.fromEngineInfo("", null, List.of(), List.of(), Map.of()).os()).isEqualTo("linux");
    }
}

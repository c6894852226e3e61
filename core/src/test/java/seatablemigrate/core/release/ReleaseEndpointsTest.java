package seatablemigrate.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.model.SeaTableVersion;

class ReleaseEndpointsTest {
    @Test
    void githubsAddresses() {
        SeaTableVersion v = SeaTableVersion.parse("6.1.8").orElseThrow();
        assertThat(ReleaseEndpoints.GITHUB.tarball(v)).hasToString(
                "https://github.com/seatable/seatable-release/releases/download/v6.1.8/seatable-compose.tar.gz");
        assertThat(ReleaseEndpoints.GITHUB.release(v)).hasToString("https://api.github.com/repos/seatable/seatable-release/releases/tags/v6.1.8");
        assertThat(ReleaseEndpoints.fromProperties(k -> null)).isEqualTo(ReleaseEndpoints.GITHUB);
    }

    @Test
    void httpOnlyToALoopbackAddress() {
        assertThat(ReleaseEndpoints.allowed(URI.create("https://objects.githubusercontent.com/x?sig=1"))).isTrue();
        assertThat(ReleaseEndpoints.allowed(URI.create("http://127.0.0.1:8080/x"))).isTrue();
        assertThat(ReleaseEndpoints.allowed(URI.create("http://127.1.2.3/x"))).isTrue();
        assertThat(ReleaseEndpoints.allowed(URI.create("http://[::1]:99/x"))).isTrue();
        assertThat(ReleaseEndpoints.allowed(URI.create("http://localhost/x"))).isFalse();
        assertThat(ReleaseEndpoints.allowed(URI.create("http://127.0.0.300/x"))).isFalse();
        assertThat(ReleaseEndpoints.allowed(URI.create("http://10.0.0.1/x"))).isFalse();
        assertThat(ReleaseEndpoints.allowed(URI.create("http://[::2]/x"))).isFalse();
        assertThat(ReleaseEndpoints.allowed(URI.create("ftp://127.0.0.1/x"))).isFalse();
        assertThat(ReleaseEndpoints.allowed(URI.create("https://user:pw@github.com/x"))).isFalse();
        assertThat(ReleaseEndpoints.allowed(URI.create("/relative"))).isFalse();
    }

    @Test
    void theTestPropertiesTakeOnlyAllowedAddresses() {
        Map<String, String> p = Map.of(ReleaseEndpoints.DOWNLOADS_PROPERTY, "http://127.0.0.1:9/download/",
                ReleaseEndpoints.RELEASES_PROPERTY, "http://127.0.0.1:9/api/");
        assertThat(ReleaseEndpoints.fromProperties(p::get).downloads()).hasToString("http://127.0.0.1:9/download/");
        assertThatThrownBy(() -> ReleaseEndpoints.fromProperties(Map.of(ReleaseEndpoints.DOWNLOADS_PROPERTY, "http://mirror.example/d/")::get))
                .isInstanceOf(UsageException.class).hasMessageContaining("mirror.example is refused");
    }

    @Test
    void theCacheFollowsXdg() {
        assertThat(ReleaseCache.defaultRoot(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h"))).hasToString("/c/seatable-migrate/release-files");
        assertThat(ReleaseCache.defaultRoot(Map.of("XDG_CACHE_HOME", "rel", "HOME", "/h"))).hasToString("/h/.cache/seatable-migrate/release-files");
        assertThat(ReleaseCache.defaultRoot(Map.of("HOME", "/h"))).hasToString("/h/.cache/seatable-migrate/release-files");
        assertThatThrownBy(() -> ReleaseCache.defaultRoot(Map.of())).isInstanceOf(UsageException.class);
    }
}

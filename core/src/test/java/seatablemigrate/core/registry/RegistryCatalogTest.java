package seatablemigrate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Secret;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.RegistrySettings;

/** Asked here first, from the host only when here cannot reach the registry; the answer says who answered. */
class RegistryCatalogTest {
    private static final RegistrySettings SETTINGS = new RegistrySettings("linux", "amd64", List.of(), List.of());
    private static final ImageRef REPO = ImageRef.parse("reg.example:5000/seatable/seatable-developer:5.3.0").orElseThrow();
    private static final String DIGEST = "sha256:" + "2".repeat(64);

    private final List<String> asked = new ArrayList<>();

    private HttpTransport down(String side) {
        return (m, u, h, t, max) -> {
            asked.add(side);
            throw new ConnectException("Connection refused");
        };
    }

    private HttpTransport registry(String side, int status) {
        return (m, u, h, t, max) -> {
            asked.add(side);
            String body = u.getPath().endsWith("/tags/list") ? "{\"tags\":[\"5.3.0\",\"5.3.2\"]}" : "";
            return new HttpTransport.Answer(status, Map.of("docker-content-digest", List.of(DIGEST),
                    "content-type", List.of("application/vnd.docker.distribution.manifest.v2+json")), body.getBytes(StandardCharsets.UTF_8));
        };
    }

    private RegistryCatalog catalog(HttpTransport here, Optional<HttpTransport> fromHost) {
        RegistryClient.Sleeper none = d -> { };
        return new RegistryCatalog(new RegistryClient(here, CredentialSource.NONE, SETTINGS, RegistryLimits.DEFAULT.withDeadline(Duration.ofSeconds(1)), none),
                fromHost.map(h -> new RegistryClient(h, CredentialSource.NONE, SETTINGS, RegistryLimits.DEFAULT.withDeadline(Duration.ofSeconds(1)), none)), SETTINGS);
    }

    @Test
    void theToolsCredentialIsNeverRelayedThroughTheHost() {
        List<String> authorizations = new ArrayList<>();
        HttpTransport hostCurl = (m, u, h, t, max) -> {
            authorizations.add(h.getOrDefault("Authorization", ""));
            return new HttpTransport.Answer(401, Map.of("www-authenticate", List.of("Basic realm=\"registry\"")), new byte[0]);
        };
        CredentialSource stored = registry -> Optional.of(new Credential("admin", Secret.of("Stored-Pw-1")));
        ImageCatalog catalog = RegistryCatalog.of(down("here"), stored, RegistryLimits.DEFAULT.withDeadline(Duration.ofSeconds(1)), d -> { })
                .forHost(SETTINGS, Optional.of(hostCurl));
        ImageCatalog.Listing l = catalog.tags(REPO);
        assertThat(authorizations).isNotEmpty().allSatisfy(a -> assertThat(a).isEmpty());
        assertThat(l.problem()).hasValueSatisfying(f -> assertThat(f).contains("from the host").contains("never relayed through the host")
                .doesNotContain("Stored-Pw-1"));
    }

    @Test
    void theHostIsAskedOnlyWhenTheRegistryIsUnreachableFromHere() {
        ImageCatalog.Listing l = catalog(down("here"), Optional.of(registry("host", 200))).tags(REPO);
        assertThat(l.tags()).containsExactly("5.3.0", "5.3.2");
        assertThat(l.answeredBy()).isEqualTo("reg.example:5000 (asked from the host)");
        assertThat(l.problem()).isEmpty();

        ImageCatalog.Lookup m = catalog(down("here"), Optional.of(registry("host", 200))).manifest(REPO, "linux/amd64");
        assertThat(m.kind()).isEqualTo(ImageCatalog.Lookup.Kind.EXISTS);
        assertThat(m.digest()).contains(DIGEST);
        assertThat(m.answeredBy()).isEqualTo("reg.example:5000 (asked from the host)");

        asked.clear();
        ImageCatalog.Lookup missing = catalog(down("here"), Optional.of(registry("host", 404))).manifest(REPO, "linux/amd64");
        assertThat(missing.kind()).isEqualTo(ImageCatalog.Lookup.Kind.MISSING);
        assertThat(missing.answeredBy()).isEqualTo("reg.example:5000 (asked from the host)");
    }

    @Test
    void anAnswerFromHereIsFinalAndTheHostIsNotAsked() {
        ImageCatalog.Listing l = catalog(registry("here", 200), Optional.of(registry("host", 200))).tags(REPO);
        assertThat(l.answeredBy()).isEqualTo("reg.example:5000");
        assertThat(asked).containsOnly("here");

        asked.clear();
        ImageCatalog.Lookup denied = catalog(registry("here", 403), Optional.of(registry("host", 200))).manifest(REPO, "linux/amd64");
        assertThat(denied.kind()).isEqualTo(ImageCatalog.Lookup.Kind.UNANSWERED);
        assertThat(asked).containsOnly("here");
    }

    @Test
    void unreachableFromBothSidesSaysBoth() {
        ImageCatalog.Listing l = catalog(down("here"), Optional.of(down("host"))).tags(REPO);
        assertThat(l.tags()).isEmpty();
        assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("reg.example:5000 cannot be reached (Connection refused); from the host: reg.example:5000 cannot be reached"));
        assertThat(asked).contains("here", "host");
    }

    @Test
    void withoutAWayToAskFromTheHostTheProblemIsHeres() {
        ImageCatalog.Lookup m = catalog(down("here"), Optional.empty()).manifest(REPO, "linux/amd64");
        assertThat(m.kind()).isEqualTo(ImageCatalog.Lookup.Kind.UNANSWERED);
        assertThat(m.problem()).hasValueSatisfying(p -> assertThat(p).isEqualTo("reg.example:5000 cannot be reached (Connection refused)"));
        assertThat(asked).containsOnly("here");
    }

    @Test
    void aMissingImageOnDockerHubIsNamedDockerHub() throws IOException {
        ImageRef hub = ImageRef.parse("seatable/seatable-developer:5.3.7").orElseThrow();
        ImageCatalog.Lookup m = catalog(registry("here", 404), Optional.empty()).manifest(hub, "linux/amd64");
        assertThat(m.kind()).isEqualTo(ImageCatalog.Lookup.Kind.MISSING);
        assertThat(m.answeredBy()).isEqualTo("Docker Hub");
    }

    private HttpTransport manifestWith(String body) {
        return (m, u, h, t, max) -> new HttpTransport.Answer(200, Map.of("docker-content-digest", List.of(DIGEST),
                "content-type", List.of("application/vnd.docker.distribution.manifest.v2+json")),
                m.equals("GET") ? body.getBytes(StandardCharsets.UTF_8) : new byte[0]);
    }

    @Test
    void theDownloadsSizeIsTheManifestsConfigAndLayersAndAnUnbelievableSizeIsNone() {
        ImageCatalog.Lookup sized = catalog(manifestWith("{\"schemaVersion\":2,\"config\":{\"digest\":\"x\",\"size\":1000},"
                + "\"layers\":[{\"size\":300000000,\"digest\":\"y\"},{\"size\":5}],\"annotations\":{\"size\":7}}"), Optional.empty())
                .manifest(REPO, "linux/amd64");
        assertThat(sized.kind()).isEqualTo(ImageCatalog.Lookup.Kind.EXISTS);
        assertThat(sized.layerBytes()).hasValue(300_001_005L);
        for (String hostile : List.of("{\"layers\":[{\"size\":-1}]}", "{\"layers\":[{\"size\":1e12}]}", "{\"layers\":[{\"size\":\"5\"}]}",
                "{\"layers\":[{\"size\":99999999999999999999999}]}", "{\"layers\":[7]}", "{\"layers\":[{}]}", "{\"config\":{\"size\":1}}",
                "{\"layers\":[{\"size\":" + (RegistryJson.MAX_BLOB_BYTES + 1) + "}]}", "not json")) {
            ImageCatalog.Lookup l = catalog(manifestWith(hostile), Optional.empty()).manifest(REPO, "linux/amd64");
            assertThat(l.kind()).as(hostile).isEqualTo(ImageCatalog.Lookup.Kind.EXISTS);
            assertThat(l.layerBytes()).as(hostile).isEmpty();
        }
    }
}

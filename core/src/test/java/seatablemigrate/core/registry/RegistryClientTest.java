package seatablemigrate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Secret;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.RegistrySettings;

/** The protocol against a scripted transport: challenges, tokens, paging, retries, mirrors, plain HTTP. */
class RegistryClientTest {
    private static final RegistrySettings DEFAULTS = new RegistrySettings("linux", "amd64", List.of(), List.of("127.0.0.0/8"));
    private static final String DIGEST = "sha256:" + "1".repeat(64);

    private final List<String> log = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    @FunctionalInterface
    interface Server {
        HttpTransport.Answer answer(String method, URI uri, Map<String, String> headers) throws IOException;
    }

    private RegistryClient client(Server server, CredentialSource creds, RegistrySettings settings) {
        HttpTransport t = (method, uri, headers, deadline, maxBytes) -> {
            log.add(method + " " + uri + (headers.containsKey("Authorization") ? " [" + headers.get("Authorization") + "]" : ""));
            return server.answer(method, uri, headers);
        };
        return new RegistryClient(t, creds, settings, RegistryLimits.DEFAULT.withDeadline(Duration.ofSeconds(1)), sleeps::add);
    }

    private static HttpTransport.Answer answer(int status, String body, String... headers) {
        Map<String, List<String>> h = new java.util.HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.computeIfAbsent(headers[i].toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(headers[i + 1]);
        }
        return new HttpTransport.Answer(status, h, body.getBytes(StandardCharsets.UTF_8));
    }

    private static ImageRef ref(String s) {
        return ImageRef.parse(s).orElseThrow();
    }

    @Test
    void anonymousBearerTokenAndPagingThroughLinkHeaders() throws Exception {
        RegistryClient c = client((m, u, h) -> {
            if (u.getHost().equals("auth.docker.io")) {
                assertThat(u.getQuery()).isEqualTo("service=registry.docker.io&scope=repository:seatable/seatable-developer:pull");
                return answer(200, "{\"token\":\"tok-1\"}");
            }
            if (!"Bearer tok-1".equals(h.get("Authorization"))) {
                return answer(401, "", "WWW-Authenticate", "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                        + "scope=\"repository:seatable/seatable-developer:pull\"");
            }
            return u.getQuery().contains("last=")
                    ? answer(200, "{\"tags\":[\"6.0.10\",\"latest\"]}")
                    : answer(200, "{\"tags\":[\"6.0.1\",\"6.0.9\"]}", "Link", "</v2/seatable/seatable-developer/tags/list?last=6.0.9&n=100>; rel=\"next\"");
        }, CredentialSource.NONE, DEFAULTS);

        RegistryClient.Tags tags = c.tags(ref("seatable/seatable-developer:6.0.1"));
        assertThat(tags.tags()).containsExactly("6.0.1", "6.0.9", "6.0.10", "latest");
        assertThat(tags.answeredBy()).isEqualTo("Docker Hub");
        assertThat(log).filteredOn(l -> l.contains("auth.docker.io")).hasSize(1); // the token is reused for the next page
        assertThat(log.get(0)).startsWith("GET https://registry-1.docker.io/v2/seatable/seatable-developer/tags/list?n=100");
    }

    @Test
    void basicAuthWithTheConfiguredCredentialAndADeniedOneNamesTheUser() throws Exception {
        CredentialSource creds = r -> r.equals("reg.example:5000") ? Optional.of(new Credential("alice", Secret.of("pw"))) : Optional.empty();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RegistryClient ok = client((m, u, h) -> basic.equals(h.get("Authorization")) ? answer(200, "{\"tags\":[\"6.0.1\"]}")
                : answer(401, "", "WWW-Authenticate", "Basic realm=\"Registry\""), creds, DEFAULTS);
        assertThat(ok.tags(ref("reg.example:5000/seatable/seatable-enterprise")).tags()).containsExactly("6.0.1");

        RegistryClient denied = client((m, u, h) -> answer(401, "", "WWW-Authenticate", "Basic realm=\"Registry\""), creds, DEFAULTS);
        assertThatThrownBy(() -> denied.tags(ref("reg.example:5000/seatable/seatable-enterprise")))
                .hasMessageContaining("reg.example:5000 refused access").hasMessageContaining("user alice").hasMessageNotContaining("pw");
        RegistryClient anonymous = client((m, u, h) -> answer(401, "", "WWW-Authenticate", "Basic realm=\"Registry\""), CredentialSource.NONE, DEFAULTS);
        assertThatThrownBy(() -> anonymous.tags(ref("other.example/seatable/seatable-enterprise")))
                .hasMessageContaining("requires a login").hasMessageContaining("docker login other.example");
    }

    @Test
    void retriesBusyAnswersWithBackoffAndGivesUpNamingTheRegistry() throws Exception {
        int[] calls = {0};
        RegistryClient c = client((m, u, h) -> ++calls[0] == 1 ? answer(429, "", "Retry-After", "2")
                : calls[0] == 2 ? answer(503, "") : answer(200, "{\"tags\":[]}"), CredentialSource.NONE, DEFAULTS);
        assertThat(c.tags(ref("reg.example/seatable/seatable-developer")).tags()).isEmpty();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
        log.clear();

        RegistryClient down = client((m, u, h) -> {
            throw new ConnectException("Connection refused");
        }, CredentialSource.NONE, DEFAULTS);
        assertThatThrownBy(() -> down.tags(ref("reg.example/seatable/seatable-developer")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNREACHABLE))
                .hasMessageContaining("reg.example cannot be reached").hasMessageContaining("Connection refused");
        assertThat(log).filteredOn(l -> l.startsWith("GET https://reg.example/")).hasSize(3); // 3 attempts, never plain HTTP
        assertThat(log).noneMatch(l -> l.startsWith("GET http://reg.example"));
    }

    @Test
    void plainHttpOnlyWhereDockerAllowsItAndOnlyAfterHttpsFailed() throws Exception {
        Server plainOnly = (m, u, h) -> {
            if (u.getScheme().equals("https")) {
                throw new SSLHandshakeException("Unsupported or unrecognized SSL message");
            }
            return answer(200, "{\"tags\":[\"6.0.1\"]}");
        };
        assertThat(client(plainOnly, CredentialSource.NONE, DEFAULTS).tags(ref("127.0.0.1:5000/seatable/seatable-developer")).tags())
                .containsExactly("6.0.1");
        RegistrySettings insecure = new RegistrySettings("linux", "amd64", List.of(), List.of("10.0.0.0/8", "reg.lan:5000"));
        assertThat(client(plainOnly, CredentialSource.NONE, insecure).tags(ref("10.1.2.3:5000/seatable/seatable-developer")).tags()).hasSize(1);
        assertThat(client(plainOnly, CredentialSource.NONE, insecure).tags(ref("reg.lan:5000/seatable/seatable-developer")).tags()).hasSize(1);
        log.clear();
        assertThatThrownBy(() -> client(plainOnly, CredentialSource.NONE, DEFAULTS).tags(ref("reg.example/seatable/seatable-developer")))
                .hasMessageContaining("reg.example cannot be reached");
        assertThat(log).allMatch(l -> l.startsWith("GET https://"));
    }

    @Test
    void dockerHubMirrorsAnswerFirstAndAMissingTagThereFallsThroughToDockerHub() throws Exception {
        RegistrySettings mirrored = new RegistrySettings("linux", "amd64", List.of("http://127.0.0.1:5003/"), List.of("127.0.0.0/8"));
        RegistryClient c = client((m, u, h) -> {
            if (u.getHost().equals("registry-1.docker.io")) {
                throw new java.net.UnknownHostException("registry-1.docker.io");
            }
            return u.getPath().contains("manifests/6.0.9") ? answer(404, "")
                    : u.getPath().contains("manifests") ? answer(200, "", "Docker-Content-Digest", DIGEST,
                    "Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
                    : answer(200, "{\"tags\":[\"6.0.1\"]}");
        }, CredentialSource.NONE, mirrored);
        RegistryClient.Tags tags = c.tags(ref("seatable/seatable-developer"));
        assertThat(tags.answeredBy()).isEqualTo("mirror http://127.0.0.1:5003");
        assertThat(c.manifest(ref("seatable/seatable-developer:6.0.1"))).hasValueSatisfying(m -> assertThat(m.digest()).isEqualTo(DIGEST));
        // The mirror lacks it and Docker Hub cannot be asked: not found where it could be looked up.
        assertThat(c.manifest(ref("seatable/seatable-developer:6.0.9"))).isEmpty();
        assertThat(log).anyMatch(l -> l.startsWith("HEAD https://registry-1.docker.io/v2/seatable/seatable-developer/manifests/6.0.9"));
    }

    @Test
    void anIndexIsReadForThePlatformsAndTheirDigests() throws Exception {
        String arm = "sha256:" + "a".repeat(64);
        String amd = "sha256:" + "b".repeat(64);
        RegistryClient c = client((m, u, h) -> {
            assertThat(h.get("Accept")).contains("application/vnd.oci.image.index.v1+json").contains("manifest.list.v2+json");
            return m.equals("HEAD") ? answer(200, "", "Content-Type", "application/vnd.oci.image.index.v1+json", "Docker-Content-Digest", DIGEST)
                    : answer(200, "{\"manifests\":[{\"digest\":\"" + arm + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\"}},"
                    + "{\"digest\":\"" + amd + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
                    + "{\"digest\":\"sha256:" + "c".repeat(64) + "\",\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}]}");
        }, CredentialSource.NONE, DEFAULTS);
        RegistryClient.Manifest m = c.manifest(ref("reg.example/seatable/seatable-enterprise:6.0.10")).orElseThrow();
        assertThat(m.digest()).isEqualTo(DIGEST);
        assertThat(m.platforms()).containsOnlyKeys("linux/arm64", "linux/amd64");
        assertThat(m.offers("linux/amd64")).isTrue();
        assertThat(m.offers("linux/arm/v7")).isFalse();
        assertThat(m.digestFor("linux/amd64")).isEqualTo(amd);
    }

    @Test
    void aMalformedDigestOrBodyIsAFailureNotAnAnswer() {
        RegistryClient c = client((m, u, h) -> answer(200, "", "Docker-Content-Digest", "sha256:../../x",
                "Content-Type", "application/vnd.docker.distribution.manifest.v2+json"), CredentialSource.NONE, DEFAULTS);
        assertThatThrownBy(() -> c.manifest(ref("reg.example/seatable/seatable-enterprise:6.0.1"))).hasMessageContaining("malformed digest");
        RegistryClient junk = client((m, u, h) -> answer(200, "<html>"), CredentialSource.NONE, DEFAULTS);
        assertThatThrownBy(() -> junk.tags(ref("reg.example/seatable/seatable-enterprise"))).hasMessageContaining("not JSON");
    }

    @Test
    void anInsecureRegistryReachedOverPlainHttpGetsNoCredential() throws Exception {
        // Scripted, not listened on: the address is no loopback one, and a test's traffic stays on loopback.
        RegistrySettings insecure = new RegistrySettings("linux", "amd64", List.of(), List.of("10.0.0.0/8"));
        CredentialSource creds = r -> Optional.of(new Credential("alice", Secret.of("pw")));
        Server plainOnly = (m, u, h) -> {
            if (u.getPath().equals("/token")) {
                return answer(200, "{\"token\":\"t\"}");
            }
            return h.containsKey("Authorization") ? answer(200, "{\"tags\":[\"5.3.0\"]}")
                    : answer(401, "", "WWW-Authenticate", u.getPath().contains("bearer") ? "Bearer realm=\"https://auth.example/token\"" : "Basic realm=\"r\"");
        };
        Server insecureRegistry = (m, u, h) -> {
            if (u.getScheme().equals("https") && u.getHost().equals("10.1.2.3")) {
                throw new SSLHandshakeException("Unsupported or unrecognized SSL message");
            }
            return plainOnly.answer(m, u, h);
        };
        assertThatThrownBy(() -> client(insecureRegistry, creds, insecure).tags(ref("10.1.2.3:5000/seatable/seatable-developer")))
                .hasMessageContaining("10.1.2.3:5000 requires a login").hasMessageContaining("not sent over plain HTTP");
        assertThat(log).anyMatch(l -> l.startsWith("GET http://10.1.2.3:5000/")).noneMatch(l -> l.contains("[Basic"));
        log.clear();
        // A challenge read over plain HTTP may have been written on the way: its realm gets an anonymous request.
        assertThat(client(insecureRegistry, creds, insecure).tags(ref("10.1.2.3:5000/seatable/bearer")).tags()).containsExactly("5.3.0");
        assertThat(log).anyMatch(l -> l.startsWith("GET https://auth.example/token")).noneMatch(l -> l.contains("[Basic"));
    }
}

package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.registry.CredentialSource;
import seatablemigrate.core.registry.DockerConfigCredentials;
import seatablemigrate.core.registry.JdkHttpTransport;
import seatablemigrate.core.registry.RegistryClient;
import seatablemigrate.core.registry.RegistryException;
import seatablemigrate.core.registry.RegistryLimits;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.RegistrySettings;

/**
 * The registry client against the real registries of the test environment (scripts/test-env): plain, Basic auth
 * (htpasswd), Bearer tokens from a test issuer whose signing key the registry trusts, a Docker Hub mirror, and a port
 * where nothing listens.
 */
class RegistryIT {
    private static final Path STATE = Path.of("/run/seatable-migrate-test");
    private static final RegistrySettings ENGINE = new RegistrySettings("linux", "amd64", List.of(), List.of("127.0.0.0/8"));
    private static final String USER = "tester";
    private static final String PASSWORD = "Test-Registry-Pw-1";

    @TempDir
    Path dir;
    private HttpServer issuer;
    private final List<String> tokenRequests = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopIssuer() {
        if (issuer != null) {
            issuer.stop(0);
        }
    }

    private static RegistryClient client(CredentialSource credentials, RegistrySettings settings) {
        return new RegistryClient(new JdkHttpTransport(Duration.ofSeconds(2)), credentials, settings, RegistryLimits.DEFAULT.withDeadline(Duration.ofSeconds(5)),
                d -> Thread.sleep(d.toMillis()));
    }

    private static ImageRef ref(String s) {
        return ImageRef.parse(s).orElseThrow();
    }

    /** The digest the plain test registry sends for a tag, asked with curl (not through the client under test). */
    static String digestByCurl(String repository, String tag) {
        return ComposeProject.Docker.ok(Path.of("/"), 10, "curl", "-fsSI", "-H", "Accept: application/vnd.docker.distribution.manifest.v2+json",
                        "http://127.0.0.1:5000/v2/" + repository + "/manifests/" + tag).lines()
                .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("docker-content-digest:")).findFirst().orElseThrow().split(":", 2)[1].strip();
    }

    private CredentialSource dockerConfig(String user, String password) throws Exception {
        Path config = dir.resolve("config.json");
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\"auths\":{\"127.0.0.1:5001\":{\"auth\":\"" + auth + "\"},\"127.0.0.1:5002\":{\"auth\":\"" + auth + "\"}}}");
        return new DockerConfigCredentials(config, List.of());
    }

    @Test
    void listsEveryTagAndTheNewestPatchIsChosenNumerically() throws Exception {
        RegistryClient.Tags tags = client(CredentialSource.NONE, ENGINE).tags(ref("127.0.0.1:5000/seatable/seatable-developer"));
        assertThat(tags.answeredBy()).isEqualTo("127.0.0.1:5000");
        List<SeaTableVersion> minor59 = tags.tags().stream().map(SeaTableVersion::parseTag).flatMap(Optional::stream)
                .filter(v -> v.majorMinor().equals("5.9")).sorted(Comparator.reverseOrder()).toList();
        assertThat(minor59).hasSize(105);
        assertThat(minor59.get(0)).hasToString("5.9.104");
        assertThat(tags.tags()).contains("5.3.0", "5.4.0");
    }

    /** 127.0.0.1:5004 is distribution v3 over the same storage: it pages tag lists (100 per page) with Link headers. */
    @Test
    void aRegistryThatPagesIsReadToTheLastPage() throws Exception {
        List<String> pages = Collections.synchronizedList(new ArrayList<>());
        JdkHttpTransport jdk = new JdkHttpTransport(Duration.ofSeconds(2));
        HttpTransport counting = (method, uri, headers, deadline, maxBytes) -> {
            HttpTransport.Answer a = jdk.send(method, uri, headers, deadline, maxBytes);
            pages.add(uri.getRawQuery() + (a.header("link").isPresent() ? " -> next" : ""));
            return a;
        };
        RegistryClient.Tags tags = new RegistryClient(counting, CredentialSource.NONE, ENGINE, RegistryLimits.DEFAULT.withDeadline(Duration.ofSeconds(5)), d -> Thread.sleep(d.toMillis()))
                .tags(ref("127.0.0.1:5004/seatable/seatable-developer"));
        assertThat(pages).as("the registry paged, and the client followed it").hasSizeGreaterThanOrEqualTo(2)
                .first().asString().endsWith("-> next");
        assertThat(pages.get(pages.size() - 1)).doesNotEndWith("-> next");
        assertThat(tags.tags()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(client(CredentialSource.NONE, ENGINE).tags(ref("127.0.0.1:5000/seatable/seatable-developer")).tags());
        assertThat(tags.tags()).hasSizeGreaterThan(100).contains("5.9.104", "5.3.0");
    }

    @Test
    void aManifestIsAskedWithoutPullingAndAMissingTagIsNoAnswerNotAnError() throws Exception {
        RegistryClient c = client(CredentialSource.NONE, ENGINE);
        RegistryClient.Manifest m = c.manifest(ref("127.0.0.1:5000/seatable/seatable-developer:5.3.0")).orElseThrow();
        assertThat(m.digest()).isEqualTo(digestByCurl("seatable/seatable-developer", "5.3.0"));
        assertThat(m.offers("linux/amd64")).isTrue();
        assertThat(c.manifest(ref("127.0.0.1:5000/seatable/seatable-developer:5.3.77"))).isEmpty();
        assertThat(c.tags(ref("127.0.0.1:5000/seatable/no-such-repository")).tags()).isEmpty();
    }

    @Test
    void basicAuthUsesTheDockerConfigsCredentialAndSaysWhatIsMissing() throws Exception {
        ImageRef image = ref("127.0.0.1:5001/seatable/seatable-developer");
        assertThat(client(dockerConfig(USER, PASSWORD), ENGINE).tags(image).tags()).contains("5.3.0");
        assertThatThrownBy(() -> client(CredentialSource.NONE, ENGINE).tags(image))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.DENIED))
                .hasMessageContaining("127.0.0.1:5001 requires a login").hasMessageContaining("docker login 127.0.0.1:5001");
        assertThatThrownBy(() -> client(dockerConfig(USER, "wrong-password"), ENGINE).tags(image))
                .hasMessageContaining("refused access").hasMessageContaining("user tester").hasMessageNotContaining("wrong-password");
    }

    @Test
    void bearerTokensFromTheRealmTheRegistryNames() throws Exception {
        startIssuer();
        ImageRef image = ref("127.0.0.1:5002/seatable/seatable-developer:5.3.0");
        RegistryClient anonymous = client(CredentialSource.NONE, ENGINE);
        assertThat(anonymous.tags(image).tags()).contains("5.3.0");
        assertThat(anonymous.manifest(image)).isPresent();
        assertThat(tokenRequests).first().asString().contains("service=seatable-migrate-test")
                .contains("scope=repository:seatable/seatable-developer:pull").contains("anonymous");
        tokenRequests.clear();
        assertThat(client(dockerConfig(USER, PASSWORD), ENGINE).tags(image).tags()).contains("5.3.0");
        assertThat(tokenRequests).first().asString().contains("user tester");
        assertThatThrownBy(() -> client(dockerConfig(USER, "wrong-password"), ENGINE).tags(image))
                .hasMessageContaining("token service of 127.0.0.1:5002 refused the configured credential of user tester");
    }

    @Test
    void aRegistryThatIsDownIsNamedAndADockerHubMirrorAnswersForDockerHub() throws Exception {
        assertThatThrownBy(() -> client(CredentialSource.NONE, ENGINE).tags(ref("127.0.0.1:5009/seatable/seatable-developer")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNREACHABLE))
                .hasMessageContaining("127.0.0.1:5009 cannot be reached");
        RegistrySettings mirrored = new RegistrySettings("linux", "amd64", List.of("http://127.0.0.1:5003/"), List.of("127.0.0.0/8"));
        RegistryClient c = client(CredentialSource.NONE, mirrored);
        RegistryClient.Tags tags = c.tags(ref("seatable/seatable-developer"));
        assertThat(tags.answeredBy()).isEqualTo("mirror http://127.0.0.1:5003");
        assertThat(tags.tags()).containsExactly("5.3.0");
        assertThat(c.manifest(ref("seatable/seatable-developer:5.3.0"))).hasValueSatisfying(m -> assertThat(m.answeredBy()).contains("mirror"));
    }

    /** A token issuer as the registry's `auth: token` expects: RS256 JWTs with the signing certificate in x5c. */
    private void startIssuer() throws Exception {
        byte[] cert = CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(STATE.resolve("token.crt"))).getEncoded();
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(STATE.resolve("token.key.der"))));
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 5010), 0);
        issuer.createContext("/token", ex -> {
            String auth = Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse("");
            String who = auth.isEmpty() ? "anonymous" : new String(Base64.getDecoder().decode(auth.substring("Basic ".length())), StandardCharsets.UTF_8);
            String query = ex.getRequestURI().getRawQuery();
            tokenRequests.add(ex.getRequestURI().getQuery() + " " + (who.equals("anonymous") ? who : "user " + who.split(":")[0]));
            if (!who.equals("anonymous") && !who.equals(USER + ":" + PASSWORD)) {
                ex.sendResponseHeaders(401, -1);
                ex.close();
                return;
            }
            String scope = java.net.URLDecoder.decode(query.replaceAll(".*scope=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            String repository = scope.split(":")[1];
            long now = Instant.now().getEpochSecond();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(cert) + "\"]}";
            String claims = "{\"iss\":\"seatable-migrate-test-issuer\",\"sub\":\"" + who.split(":")[0] + "\",\"aud\":\"seatable-migrate-test\","
                    + "\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 60) + ",\"iat\":" + now + ",\"jti\":\"" + System.nanoTime() + "\","
                    + "\"access\":[{\"type\":\"repository\",\"name\":\"" + repository + "\",\"actions\":[\"pull\"]}]}";
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(key);
                s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                byte[] body = ("{\"token\":\"" + signingInput + "." + url.encodeToString(s.sign()) + "\"}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } catch (java.security.GeneralSecurityException e) {
                ex.sendResponseHeaders(500, -1);
            }
            ex.close();
        });
        issuer.start();
    }
}

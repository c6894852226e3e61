package seatablemigrate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Secret;
import seatablemigrate.core.spi.RegistrySettings;

/**
 * A credential goes only to the registry it was stored for: loopback registries that log every {@code Authorization}
 * header they receive stand for a mirror, a token realm elsewhere and the registry itself.
 */
class CredentialBindingTest {
    private static final Credential ALICE = new Credential("alice", Secret.of("alice-password"));
    private static final String ALICE_BASIC = "Basic " + Base64.getEncoder().encodeToString("alice:alice-password".getBytes(StandardCharsets.UTF_8));

    private static RegistryClient client(CredentialSource credentials, RegistrySettings settings) {
        return new RegistryClient(LoopbackRegistry.loopbackOnly(new JdkHttpTransport(Duration.ofSeconds(2))), credentials, settings,
                RegistryLimits.DEFAULT.withDeadline(Duration.ofSeconds(5)), d -> { });
    }

    private static CredentialSource storedFor(String registry) {
        return r -> r.equals(registry) ? Optional.of(ALICE) : Optional.empty();
    }

    private static ImageRef ref(String s) {
        return ImageRef.parse(s).orElseThrow();
    }

    private static RegistrySettings mirroredBy(LoopbackRegistry mirror) {
        return new RegistrySettings("linux", "amd64", List.of("http://" + mirror.name()), List.of());
    }

    /** A registry that wants a Bearer token from {@code realm} and accepts any token its realm issued. */
    private static void bearer(HttpExchange x, String realm) throws IOException {
        String path = x.getRequestURI().getPath();
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (path.equals("/token")) {
            LoopbackRegistry.send(x, 200, "{\"token\":\"" + (auth == null ? "anonymous" : "with-credential") + "\"}");
        } else if (auth != null && auth.startsWith("Bearer ")) {
            LoopbackRegistry.send(x, 200, "{\"tags\":[\"5.3.0\"]}");
        } else {
            LoopbackRegistry.send(x, 401, "", "WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"test\"");
        }
    }

    @Test
    void aMirrorLabelledDockerHubNeverReceivesTheDockerHubCredential() throws Exception {
        try (LoopbackRegistry mirror = LoopbackRegistry.start(x -> LoopbackRegistry.send(x, 401, "", "WWW-Authenticate", "Basic realm=\"mirror\""))) {
            RegistryClient c = client(storedFor("docker.io"), mirroredBy(mirror));
            // The mirror refuses anonymous access; Docker Hub itself is out of reach (the test stays on loopback).
            assertThatThrownBy(() -> c.tags(ref("seatable/seatable-developer")))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("mirror http://" + mirror.name())
                    .hasMessageContaining("not sent to a mirror").hasMessageNotContaining("alice-password");
            assertThat(mirror.received()).isNotEmpty();
            assertThat(mirror.authorizations()).isEmpty();
        }
    }

    @Test
    void aMirrorsOwnTokenRealmGetsAnAnonymousRequest() throws Exception {
        String[] realm = {""};
        try (LoopbackRegistry mirror = LoopbackRegistry.start(x -> bearer(x, realm[0]))) {
            realm[0] = "http://" + mirror.name() + "/token";
            RegistryClient.Tags tags = client(storedFor("docker.io"), mirroredBy(mirror)).tags(ref("seatable/seatable-developer"));
            assertThat(tags.tags()).containsExactly("5.3.0");
            assertThat(mirror.received()).filteredOn(r -> r.pathAndQuery().startsWith("/token")).hasSize(1)
                    .allSatisfy(r -> assertThat(r.authorization()).isEmpty());
            assertThat(mirror.authorizations()).containsOnly("Bearer anonymous");
        }
    }

    @Test
    void aTokenRealmOnAnotherHostOverPlainHttpGetsNoCredential() throws Exception {
        String[] realm = {""};
        try (LoopbackRegistry registry = LoopbackRegistry.start(x -> bearer(x, realm[0]))) {
            // Same socket, another host name: to the client a realm elsewhere, named over plain HTTP.
            realm[0] = "http://localhost:" + registry.port() + "/token";
            RegistryClient.Tags tags = client(storedFor(registry.name()), RegistrySettings.UNCONFIGURED)
                    .tags(ref(registry.name() + "/seatable/seatable-developer"));
            assertThat(tags.tags()).containsExactly("5.3.0");
            assertThat(registry.received()).filteredOn(r -> r.pathAndQuery().startsWith("/token")).hasSize(1)
                    .allSatisfy(r -> assertThat(r.authorization()).isEmpty());
        }
    }

    @Test
    void theRegistryTheCredentialIsStoredForGetsItOnLoopback() throws Exception {
        String[] realm = {""};
        try (LoopbackRegistry registry = LoopbackRegistry.start(x -> bearer(x, realm[0]))) {
            realm[0] = "http://" + registry.name() + "/token";
            client(storedFor(registry.name()), RegistrySettings.UNCONFIGURED).tags(ref(registry.name() + "/seatable/seatable-developer"));
            assertThat(registry.received()).filteredOn(r -> r.pathAndQuery().startsWith("/token"))
                    .extracting(LoopbackRegistry.Received::authorization).containsExactly(ALICE_BASIC);
            assertThat(registry.authorizations()).contains("Bearer with-credential");
        }
        try (LoopbackRegistry basic = LoopbackRegistry.start(x -> {
            if (ALICE_BASIC.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                LoopbackRegistry.send(x, 200, "{\"tags\":[\"5.3.0\"]}");
            } else {
                LoopbackRegistry.send(x, 401, "", "WWW-Authenticate", "Basic realm=\"registry\"");
            }
        })) {
            assertThat(client(storedFor(basic.name()), RegistrySettings.UNCONFIGURED).tags(ref(basic.name() + "/seatable/seatable-developer")).tags())
                    .containsExactly("5.3.0");
            assertThat(basic.authorizations()).containsOnly(ALICE_BASIC);
        }
    }

    // The decisions themselves, for the addresses a test cannot listen on (traffic stays on loopback).

    private static Endpoint registry(String name) {
        return Endpoint.of(ref(name + "/seatable/seatable-developer"), new RegistrySettings("linux", "amd64", List.of(),
                List.of("10.0.0.0/8", "reg.lan:5000"))).get(0);
    }

    @Test
    void aCredentialTravelsOverHttpsOrToLoopbackOnlyAndOnlyToItsOwnHost() {
        Endpoint insecure = registry("10.1.2.3:5000");
        assertThat(insecure.plainHttpAllowed()).isTrue();
        assertThat(insecure.credentialWithheld(URI.create("http://10.1.2.3:5000/v2/x/tags/list")))
                .hasValue("a credential is not sent over plain HTTP (only to loopback)");
        assertThat(insecure.credentialWithheld(URI.create("https://10.1.2.3:5000/v2/x/tags/list"))).isEmpty();
        assertThat(registry("reg.lan:5000").credentialWithheld(URI.create("http://reg.lan:5000/v2/x/tags/list"))).isPresent();
        assertThat(registry("127.0.0.1:5000").credentialWithheld(URI.create("http://127.0.0.1:5000/v2/x/tags/list"))).isEmpty();
        assertThat(registry("[::1]:5000").credentialWithheld(URI.create("http://[::1]:5000/v2/x/tags/list"))).isEmpty();
        assertThat(registry("localhost:5000").credentialWithheld(URI.create("http://localhost:5000/v2/x/tags/list"))).isEmpty();
        assertThat(registry("reg.example").credentialWithheld(URI.create("https://evil.example/v2/x/tags/list")))
                .hasValue("a credential is not sent to another host");
        assertThat(registry("reg.example").credentialWithheld(URI.create("https://reg.example/v2/x/tags/list"))).isEmpty();
    }

    @Test
    void aTokenRealmGetsTheCredentialOnlyOverHttpsAndOnlyWhenItsOwnRegistryNamedIt() {
        Endpoint own = registry("reg.example");
        URI asked = URI.create("https://reg.example/v2/x/tags/list");
        assertThat(own.realmWithheld(asked, URI.create("https://auth.example/token"))).isEmpty();
        assertThat(own.realmWithheld(asked, URI.create("http://auth.example/token"))).isPresent();
        assertThat(own.realmWithheld(asked, URI.create("http://reg.example/token"))).isPresent();
        assertThat(own.realmWithheld(asked, URI.create("http://127.0.0.1/token"))).as("loopback, but another host").isPresent();
        // A challenge that came over plain HTTP could have been written by anyone on the way.
        Endpoint insecure = registry("10.1.2.3:5000");
        assertThat(insecure.realmWithheld(URI.create("http://10.1.2.3:5000/v2/x/tags/list"), URI.create("https://auth.example/token")))
                .hasValue("a credential is not sent over plain HTTP (only to loopback)");
        Endpoint loopback = registry("127.0.0.1:5000");
        assertThat(loopback.realmWithheld(URI.create("http://127.0.0.1:5000/v2/x"), URI.create("http://127.0.0.1:5001/token"))).isEmpty();

        List<Endpoint> hub = Endpoint.of(ref("seatable/seatable-developer"),
                new RegistrySettings("linux", "amd64", List.of("https://mirror.example"), List.of()));
        Endpoint mirror = hub.get(0);
        Endpoint dockerHub = hub.get(1);
        assertThat(mirror.mirror()).isTrue();
        assertThat(mirror.credentialWithheld(URI.create("https://mirror.example/v2/x"))).hasValue("a credential is not sent to a mirror");
        assertThat(mirror.realmWithheld(URI.create("https://mirror.example/v2/x"), URI.create("https://auth.docker.io/token"))).isPresent();
        assertThat(dockerHub.credentialWithheld(URI.create("https://registry-1.docker.io/v2/x"))).isEmpty();
        assertThat(dockerHub.realmWithheld(URI.create("https://registry-1.docker.io/v2/x"), URI.create("https://auth.docker.io/token")))
                .isEmpty();
    }
}

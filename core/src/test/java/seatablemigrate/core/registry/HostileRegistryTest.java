package seatablemigrate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Secret;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.RegistrySettings;

/**
 * A registry that hangs, floods or answers nonsense ends the question with a {@link RegistryException} that names it,
 * in bounded time and memory; never an unchecked exception, an error or a wait without end.
 */
@Isolated // measures time against deadlines: alone, whatever else the parallel unit tests run
class HostileRegistryTest {
    private static final Duration SHORT = Duration.ofSeconds(1);

    private static RegistryClient client(RegistryLimits limits) {
        return new RegistryClient(LoopbackRegistry.loopbackOnly(new JdkHttpTransport(SHORT)), CredentialSource.NONE, RegistrySettings.UNCONFIGURED,
                limits, d -> { });
    }

    private static ImageRef repo(LoopbackRegistry r) {
        return ImageRef.parse(r.name() + "/seatable/seatable-developer").orElseThrow();
    }

    @Test
    void aBodyThatTricklesAfterTheHeadersEndsAtTheDeadline() throws Exception {
        try (LoopbackRegistry slow = LoopbackRegistry.start(x -> {
            x.sendResponseHeaders(200, 1000);
            OutputStream out = x.getResponseBody();
            for (int i = 0; i < 1000; i++) {
                out.write('{');
                out.flush();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        })) {
            long start = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> client(RegistryLimits.DEFAULT.withDeadline(SHORT)).tags(repo(slow)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNREACHABLE))
                    .hasMessageContaining(slow.name() + " cannot be reached"));
            // HTTPS fails at once, then three attempts of one second each over plain HTTP.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(slow.received()).hasSize(3);
        }
    }

    @Test
    void anAnswerLargerThanTheCapIsRefusedNotReadToTheEnd() throws Exception {
        int cap = RegistryLimits.DEFAULT.maxAnswerBytes();
        assertThat(cap).isEqualTo(64 << 20);
        try (LoopbackRegistry flood = LoopbackRegistry.start(x -> {
            x.sendResponseHeaders(200, 0); // chunked: no length announced
            byte[] chunk = "\"0\",".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = x.getResponseBody()) {
                out.write("{\"tags\":[".getBytes(StandardCharsets.US_ASCII));
                for (long sent = 0; sent <= 2L * cap; sent += chunk.length) {
                    out.write(chunk);
                }
                out.write("\"0\"]}".getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> client(RegistryLimits.DEFAULT).tags(repo(flood)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.FAILED))
                    .hasMessageContaining(flood.name()).hasMessageContaining("larger than 64 MiB"));
            assertThat(flood.received()).as("refused, not asked again").hasSize(1);
        }
    }

    @Test
    void aTagListBeyondTheTotalCapIsRefused() throws Exception {
        AtomicInteger page = new AtomicInteger();
        try (LoopbackRegistry endless = LoopbackRegistry.start(x -> {
            int n = page.incrementAndGet();
            StringBuilder body = new StringBuilder("{\"tags\":[");
            for (int i = 0; i < 30_000; i++) {
                body.append(i == 0 ? "" : ",").append("\"").append(n).append('.').append(i).append(".0\"");
            }
            LoopbackRegistry.send(x, 200, body.append("]}").toString(), "Link", "</v2/seatable/seatable-developer/tags/list?last=" + n + "&n=100>; rel=\"next\"");
        })) {
            assertThatThrownBy(() -> client(RegistryLimits.DEFAULT).tags(repo(endless)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.FAILED))
                    .hasMessageContaining(endless.name()).hasMessageContaining("more than 100000 tags");
            assertThat(page.get()).isEqualTo(4);
        }
    }

    @Test
    void aTagListWithMorePagesThanAllowedIsRefusedNotCutShort() throws Exception {
        AtomicInteger page = new AtomicInteger();
        try (LoopbackRegistry endless = LoopbackRegistry.start(x -> {
            int n = page.incrementAndGet();
            LoopbackRegistry.send(x, 200, "{\"tags\":[\"5.3." + n + "\"]}", "Link", "</v2/seatable/seatable-developer/tags/list?last=" + n
                    + "&n=100>; rel=\"next\"");
        })) {
            assertThatThrownBy(() -> client(RegistryLimits.DEFAULT).tags(repo(endless)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.FAILED))
                    .hasMessageContaining(endless.name()).hasMessageContaining("more than 100 pages of tags");
            assertThat(page.get()).isEqualTo(RegistryLimits.DEFAULT.maxPages());
        }
    }

    @Test
    void aTagListThatTakesLongerThanTheBudgetEndsThere() throws Exception {
        AtomicInteger page = new AtomicInteger();
        try (LoopbackRegistry slow = LoopbackRegistry.start(x -> {
            int n = page.incrementAndGet();
            try {
                Thread.sleep(400); // each page well within the deadline, the list as a whole beyond the budget
            } catch (InterruptedException e) {
                return;
            }
            LoopbackRegistry.send(x, 200, "{\"tags\":[\"5.3." + n + "\"]}", "Link", "</v2/seatable/seatable-developer/tags/list?last=" + n
                    + "&n=100>; rel=\"next\"");
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(RegistryLimits.DEFAULT.withBudget(Duration.ofSeconds(1))).tags(repo(slow)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.FAILED))
                    .hasMessageContaining(slow.name()).hasMessageContaining("did not finish the tag list").hasMessageContaining("within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // Paging went on (a second page was asked) and stopped at the budget (not the 100 pages a list may have). How many
            // 400 ms pages fit in 1 s depends on the first connection's cost: 2 on a loaded machine, 3 on a quiet one.
            assertThat(page.get()).isBetween(2, 5);
        }
    }

    @Test
    void aLongLinkHeaderIsReadWithoutRecursion() throws Exception {
        String params = ";a".repeat(3000); // 6 KB of parameters
        try (LoopbackRegistry paging = LoopbackRegistry.start(x -> {
            if (x.getRequestURI().getQuery().contains("last=")) {
                LoopbackRegistry.send(x, 200, "{\"tags\":[\"5.3.1\"]}");
            } else {
                LoopbackRegistry.send(x, 200, "{\"tags\":[\"5.3.0\"]}", "Link", "</v2/seatable/seatable-developer/tags/list?last=5.3.0&n=100>"
                        + params + "; rel=\"next\"");
            }
        })) {
            assertThat(client(RegistryLimits.DEFAULT).tags(repo(paging)).tags()).containsExactly("5.3.0", "5.3.1");
        }
    }

    @Test
    void aRealmWithoutSchemeIsARefusalNamingTheRegistry() throws Exception {
        try (LoopbackRegistry odd = LoopbackRegistry.start(x -> LoopbackRegistry.send(x, 401, "", "WWW-Authenticate",
                "Bearer realm=\"//" + "127.0.0.1" + "/token\",service=\"x\""))) {
            assertThatThrownBy(() -> client(RegistryLimits.DEFAULT).tags(repo(odd)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.FAILED))
                    .hasMessageContaining(odd.name()).hasMessageContaining("token realm");
        }
    }

    // Every answer a registry could give, through a scripted transport: only RegistryExceptions come out.

    private static final String REGISTRY = "reg.example:5000";
    private static final String DIGEST = "sha256:" + "d".repeat(64);

    private static final List<String> STATUSES = List.of("200", "200", "200", "401", "401", "403", "404", "429", "500", "503", "307", "0", "999");
    private static final List<String> CHALLENGES = List.of("Bearer realm=\"//h/token\"", "Bearer realm=\"\"", "Bearer realm=\"https://\"",
            "Bearer realm=\"https:\"", "Bearer realm=\"ftp://h/t\"", "Bearer realm=\"http://[::1\"", "Bearer realm=\"https://auth.example/t?x=1#f\"",
            "Bearer realm=\"http://reg.example:5000/token\",scope=\"\\\"", "Bearer realm=https://a/t, Basic", "Basic", "Basic realm=", "Bearer",
            "Bearer realm=\"https://auth.example/token\",service=\"" + "s".repeat(5000) + "\"", ",,,,", "\"", "Bearer realm=\"mailto:x@y\"",
            "Bearer realm=\"https://auth.example:99999/t\"", "Bearer realm=\"https://user@auth.example/t\"", "Negotiate abc==");
    private static final List<String> LINKS = List.of("<>; rel=next", "<//other.example/x>; rel=next", "</v2/x?last=a>; rel=\"next\"",
            "<http://reg.example:5000/v2/x?last=%zz>; rel=next", "<" + "a".repeat(3000) + ">; rel=next", "</x>" + "; a=b".repeat(2000) + "; rel=next",
            "<\u0000>; rel=next", "<;rel=next", ">; rel=next", "</v2/x?last=b>; rel=\"next", "</v2/x?last=c>; rel=\"prev next\"" + ",".repeat(3000));
    private static final List<String> TYPES = List.of("", ";", ";;", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json; charset=x", "application/vnd.docker.distribution.manifest.v2+json", "\u0000");
    private static final List<String> BODIES = List.of("", "null", "[]", "{}", "\"x\"", "{\"tags\":null}", "{\"tags\":[1,{},null,\"5.3.0\",[]]}",
            "{\"tags\":\"5.3.0\"}", "{\"tags\":{\"a\":1}}", "{\"token\":5}", "{\"token\":\"a b\"}", "{\"access_token\":\"ok\"}", "{\"token\":\"ok\"}",
            "{\"token\":null}", "{\"manifests\":{}}", "{\"manifests\":[null,1,{\"platform\":5},{\"digest\":5,\"platform\":{\"os\":[]}}]}",
            "{\"manifests\":[{\"digest\":\"" + DIGEST + "\",\"platform\":{\"os\":\"linux\",\"architecture\":null}}]}", "[".repeat(100_000),
            "{\"tags\":[" + "\"1\",".repeat(5000) + "\"1\"]}", "{\"tags\":[\"\u0000\"]", "\u00ff\u00fe", "{\"a\":\"" + "\\u".repeat(10) + "\"}");
    private static final List<String> RETRY_AFTER = List.of("", "-5", "0", "1", "99999999999999999999", "abc", " 2 ", "-9223372036854775808");

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static String junk(Random r) {
        StringBuilder b = new StringBuilder();
        String alphabet = "<>;,=\"\\ /:?#[]{}%relnxtBearerBasicrealmhttps\u0000\r\n\t";
        for (int i = r.nextInt(80); i > 0; i--) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static HttpTransport.Answer hostileAnswer(Random r) {
        int status = Integer.parseInt(pick(r, STATUSES));
        Map<String, List<String>> h = new HashMap<>();
        if (r.nextInt(3) == 0 || status == 401) {
            h.put("www-authenticate", List.of(r.nextInt(4) == 0 ? junk(r) : pick(r, CHALLENGES)));
        }
        if (r.nextInt(3) == 0) {
            h.put("link", List.of(r.nextInt(4) == 0 ? junk(r) : pick(r, LINKS)));
        }
        if (r.nextBoolean()) {
            h.put("content-type", List.of(pick(r, TYPES)));
        }
        if (r.nextBoolean()) {
            h.put("docker-content-digest", List.of(r.nextBoolean() ? DIGEST : junk(r)));
        }
        if (r.nextInt(4) == 0) {
            h.put("retry-after", List.of(pick(r, RETRY_AFTER)));
        }
        String body = r.nextInt(5) == 0 ? junk(r) : pick(r, BODIES);
        return new HttpTransport.Answer(status, h, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anyAnswerIsEitherAReadingOrARegistryExceptionNamingTheRegistry() {
        Random random = new Random(20261201);
        RegistrySettings mirrored = new RegistrySettings("linux", "amd64", List.of("https://mirror.example"), List.of("10.0.0.0/8"));
        CredentialSource creds = registry -> java.util.Optional.of(new Credential("alice", Secret.of("pw")));
        for (int run = 0; run < 3000; run++) {
            long seed = random.nextLong();
            Random r = new Random(seed);
            List<String> asked = new ArrayList<>();
            HttpTransport scripted = (method, uri, headers, deadline, maxBytes) -> {
                asked.add(method + " " + uri);
                if (asked.size() > 5000) {
                    throw new AssertionError("more than 5000 requests for one question");
                }
                return hostileAnswer(r);
            };
            RegistryClient c = new RegistryClient(scripted, creds, mirrored, RegistryLimits.DEFAULT, HostileRegistryTest::pause);
            boolean hub = r.nextInt(3) == 0;
            ImageRef image = ImageRef.parse((hub ? "" : REGISTRY + "/") + "seatable/seatable-developer:5.3.0").orElseThrow();
            String name = hub ? "Docker Hub|mirror https://mirror.example" : REGISTRY;
            try {
                if (r.nextBoolean()) {
                    c.tags(image);
                } else {
                    c.manifest(image);
                }
            } catch (RegistryException e) {
                assertThat(e.getMessage()).as("seed %d: %s", seed, asked).containsPattern(name.replace(".", "\\."))
                        .doesNotContain("Exception").doesNotContain("pw");
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + " after " + asked + ": " + e, e);
            }
        }
    }

    /** Does not wait, but refuses what {@link Thread#sleep(long)} refuses. */
    private static void pause(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("timeout value is negative");
        }
    }

    @Test
    void theCatalogTurnsAnyFailureIntoAnUnansweredLookup() {
        HttpTransport broken = (method, uri, headers, deadline, maxBytes) -> new HttpTransport.Answer(401,
                Map.of("www-authenticate", List.of("Bearer realm=\"//h/token\"")), new byte[0]);
        RegistryCatalog catalog = new RegistryCatalog(new RegistryClient(broken, CredentialSource.NONE, RegistrySettings.UNCONFIGURED,
                RegistryLimits.DEFAULT, d -> { }), java.util.Optional.empty(), RegistrySettings.UNCONFIGURED);
        ImageCatalog.Lookup l = catalog.manifest(ImageRef.parse(REGISTRY + "/seatable/seatable-developer:5.3.0").orElseThrow(), "linux/amd64");
        assertThat(l.kind()).isEqualTo(ImageCatalog.Lookup.Kind.UNANSWERED);
        assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p).contains(REGISTRY).doesNotContain("Exception"));
        assertThat(catalog.tags(ImageRef.parse(REGISTRY + "/seatable/seatable-developer").orElseThrow()).problem())
                .hasValueSatisfying(p -> assertThat(p.toLowerCase(Locale.ROOT)).contains("token realm"));
    }
}

package seatablemigrate.core.registry;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.RegistrySettings;
import seatablemigrate.core.spi.Shell;

/**
 * Asks a registry (HTTP API v2) what the engine would find there, from the machine the tool runs on: the tags of a
 * repository (all pages) and whether a tag's manifest exists for a platform (HEAD, no pull).
 *
 * <p>Authentication follows the registry's challenge: anonymous or credential-backed Bearer tokens (Docker Hub's
 * flow) and Basic. Credentials come from a {@link CredentialSource} and leave only as header values, only to the
 * registry they are stored for (see {@link Endpoint#credentialWithheld}). Docker Hub is asked through the engine's
 * mirrors first, anonymously. Plain HTTP is used only where Docker allows it (loopback, insecure registries), and only
 * after HTTPS failed. What a registry may cost is bounded by {@link RegistryLimits} (a deadline per request that covers
 * the body, bytes per answer, tags in total); 429 and 5xx answers and broken connections are retried with backoff.
 * Every failure, a malformed answer included, is a {@link RegistryException} naming who answered. Safe for concurrent
 * use.
 */
public final class RegistryClient {
    static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json");
    /** What a token may hold: it becomes a header value, so no space, quote or line break. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]+");

    private final HttpTransport http;
    private final CredentialSource credentials;
    private final RegistrySettings settings;
    private final RegistryLimits limits;
    private final RegistryHttp wire;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** How the client waits between attempts (tests pass one that does not sleep). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public RegistryClient(HttpTransport http, CredentialSource credentials, RegistrySettings settings, RegistryLimits limits, Sleeper sleeper) {
        this.http = requireNonNull(http, "http is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.wire = new RegistryHttp(http, limits, requireNonNull(sleeper, "sleeper is null"));
    }

    /** Tags of a repository and who answered. */
    public record Tags(List<String> tags, String answeredBy) {
        public Tags {
            tags = List.copyOf(tags);
        }
    }

    /**
     * A manifest that exists: its digest, its media type, and for an index the platforms it offers
     * ({@code linux/amd64}) with each one's manifest digest; empty for a single-platform manifest.
     */
    public record Manifest(String digest, String mediaType, Map<String, String> platforms, String answeredBy) {
        public Manifest {
            platforms = Collections.unmodifiableMap(new LinkedHashMap<>(platforms));
        }

        /** Whether an engine on {@code platform} can run it (a single manifest is taken to fit; the pull checks). */
        public boolean offers(String platform) {
            return platforms.isEmpty() || platforms.containsKey(platform);
        }

        /** The digest an engine on {@code platform} pulls: the platform's own manifest in an index, else this one's. */
        public String digestFor(String platform) {
            return platforms.getOrDefault(platform, digest);
        }
    }

    /** Every tag of {@code repository} (tag and digest ignored); an unknown repository has none. */
    public Tags tags(ImageRef repository) throws RegistryException {
        String name = Endpoint.apiName(repository);
        return firstAnswer(repository, endpoint -> {
            List<String> all = new ArrayList<>();
            Optional<URI> page = Optional.of(URI.create(endpoint.base() + "/v2/" + name + "/tags/list?n=100"));
            long started = System.nanoTime();
            for (int n = 0; page.isPresent(); n++) {
                if (n == limits.maxPages()) {
                    throw new RegistryException(RegistryException.Kind.FAILED, endpoint.describe() + " names more than " + limits.maxPages()
                            + " pages of tags for " + name + "; a list cut short could hide the newest version");
                }
                if (n > 0 && Duration.ofNanos(System.nanoTime() - started).compareTo(limits.budget()) > 0) {
                    throw new RegistryException(RegistryException.Kind.FAILED, endpoint.describe() + " did not finish the tag list of " + name
                            + " within " + limits.budget().toSeconds() + " s (" + n + " pages)");
                }
                HttpTransport.Answer a = request(endpoint, "GET", page.get(), name, Map.of("Accept", "application/json"));
                if (a.status() == 404) {
                    return Optional.empty();
                }
                expectOk(endpoint, a, "the tag list of " + name);
                all.addAll(RegistryJson.tags(endpoint, a.body(), limits.maxTags() - all.size(), limits.maxTags(), name));
                URI answered = wire.effective(endpoint, page.get());
                page = a.headers("link").stream().map(h -> LinkHeader.next(h, answered)).flatMap(Optional::stream).findFirst();
            }
            return Optional.of(new Tags(all, endpoint.describe()));
        }).orElseGet(() -> new Tags(List.of(), Endpoint.named(repository)));
    }

    /** The manifest {@code image}'s tag (or digest) names; empty when the registry says it does not exist. */
    public Optional<Manifest> manifest(ImageRef image) throws RegistryException {
        String name = Endpoint.apiName(image);
        String reference = image.digest().or(image::tag).orElse("latest");
        return firstAnswer(image, endpoint -> {
            URI uri = URI.create(endpoint.base() + "/v2/" + name + "/manifests/" + reference);
            HttpTransport.Answer head = request(endpoint, "HEAD", uri, name, Map.of("Accept", MANIFEST_TYPES));
            if (head.status() == 404) {
                return Optional.empty();
            }
            expectOk(endpoint, head, "the manifest of " + name + ":" + reference);
            String type = mediaType(head);
            Optional<String> digest = head.header("docker-content-digest");
            Map<String, String> platforms = Map.of();
            if (type.contains("manifest.list") || type.contains("image.index") || digest.isEmpty()) {
                HttpTransport.Answer get = request(endpoint, "GET", uri, name, Map.of("Accept", MANIFEST_TYPES));
                expectOk(endpoint, get, "the manifest of " + name + ":" + reference);
                platforms = RegistryJson.platforms(endpoint, get.body(), limits.maxIndexEntries(), name + ":" + reference);
                if (digest.isEmpty()) {
                    digest = get.header("docker-content-digest");
                }
                if (type.isEmpty()) {
                    type = mediaType(get);
                }
            }
            String d = digest.orElseThrow(() -> new RegistryException(RegistryException.Kind.FAILED,
                    endpoint.describe() + " did not say the digest of " + name + ":" + reference));
            if (!RegistryJson.DIGEST.matcher(d).matches()) {
                throw new RegistryException(RegistryException.Kind.FAILED, endpoint.describe() + " answered a malformed digest for "
                        + name + ":" + reference);
            }
            return Optional.of(new Manifest(d, type, platforms, endpoint.describe()));
        });
    }

    /**
     * The compressed size of what a pull of the single-platform manifest {@code digest} of {@code image}'s repository
     * downloads: its layers and its configuration as the manifest lists them (GET, no blob is fetched); empty when the
     * registry does not have it or the answer is no single-platform manifest with sizes.
     */
    public OptionalLong layerBytes(ImageRef image, String digest) throws RegistryException {
        if (!RegistryJson.DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a manifest digest: " + digest);
        }
        String name = Endpoint.apiName(image);
        Optional<OptionalLong> size = firstAnswer(image, endpoint -> {
            URI uri = URI.create(endpoint.base() + "/v2/" + name + "/manifests/" + digest);
            HttpTransport.Answer get = request(endpoint, "GET", uri, name, Map.of("Accept", MANIFEST_TYPES));
            if (get.status() == 404) {
                return Optional.empty();
            }
            expectOk(endpoint, get, "the manifest of " + name + "@" + digest);
            return Optional.of(RegistryJson.layerBytes(endpoint, get.body(), limits.maxIndexEntries(), name + "@" + digest));
        });
        return size.orElse(OptionalLong.empty());
    }

    @FunctionalInterface
    private interface Question<T> {
        Optional<T> ask(Endpoint endpoint) throws RegistryException;
    }

    /**
     * Asks each endpoint in turn. An answer wins; "does not exist" from a mirror sends the question on to Docker Hub,
     * from the registry itself it is the answer. When nothing answered, the first endpoint's failure is reported.
     */
    private <T> Optional<T> firstAnswer(ImageRef image, Question<T> question) throws RegistryException {
        List<Endpoint> endpoints = Endpoint.of(image, settings);
        RegistryException first = null;
        boolean mirrorSaidNo = false;
        for (Endpoint e : endpoints) {
            try {
                Optional<T> answer = question.ask(e);
                if (answer.isPresent() || !e.mirror()) {
                    return answer;
                }
                mirrorSaidNo = true;
            } catch (RegistryException ex) {
                if (first == null) {
                    first = ex;
                }
            }
        }
        if (mirrorSaidNo && first != null && first.kind() == RegistryException.Kind.UNREACHABLE) {
            return Optional.empty();
        }
        throw first;
    }

    /**
     * Sends the request, and on a 401 answers the registry's challenge once. The credential stored for the endpoint's
     * registry is looked up only where it may go ({@link Endpoint#credentialWithheld}): not to a mirror, not over plain
     * HTTP except to loopback, and to a token realm only as {@link Endpoint#realmWithheld} allows.
     */
    private HttpTransport.Answer request(Endpoint endpoint, String method, URI uri, String repository, Map<String, String> headers)
            throws RegistryException {
        String scope = "repository:" + repository + ":pull";
        String tokenKey = endpoint.base() + " " + scope;
        Map<String, String> h = new LinkedHashMap<>(headers);
        String token = tokens.get(tokenKey);
        if (token != null) {
            h.put("Authorization", token);
        }
        HttpTransport.Answer a = wire.send(endpoint, method, uri, h);
        if (a.status() != 401) {
            return a;
        }
        // Where the challenge came from (HTTPS, or plain HTTP once the endpoint fell back to it) decides what may follow.
        URI asked = wire.effective(endpoint, uri);
        Optional<String> withheld = endpoint.credentialWithheld(asked);
        Optional<Credential> credential = withheld.isEmpty() ? credentials.forRegistry(endpoint.registry()) : Optional.empty();
        List<Challenge> challenges = new ArrayList<>();
        a.headers("www-authenticate").forEach(v -> challenges.addAll(Challenge.parse(v)));
        String authorization = null;
        Optional<Credential> sent = Optional.empty();
        for (Challenge c : challenges) {
            if (c.scheme().equals("bearer") && c.param("realm").isPresent()) {
                URI realm = realm(endpoint, c.param("realm").get());
                Optional<String> realmWithheld = endpoint.realmWithheld(asked, realm);
                sent = realmWithheld.isEmpty() ? credential : Optional.empty();
                withheld = credential.isPresent() ? realmWithheld : withheld;
                authorization = "Bearer " + fetchToken(endpoint, realm, c, scope, sent, withheld);
                break;
            }
            if (c.scheme().equals("basic") && credential.isPresent()) {
                sent = credential;
                authorization = credential.get().basic();
                break;
            }
        }
        if (authorization == null) {
            throw new RegistryException(RegistryException.Kind.DENIED, endpoint.describe() + " requires a login for " + repository
                    + withheld.map(w -> "; " + w).orElse(credential.isEmpty() ? " and no credential is configured: run 'docker login "
                    + loginName(endpoint) + "'" : ""));
        }
        tokens.put(tokenKey, authorization);
        h.put("Authorization", authorization);
        HttpTransport.Answer again = wire.send(endpoint, method, uri, h);
        if (again.status() == 401 || again.status() == 403) {
            Optional<String> why = withheld;
            throw new RegistryException(RegistryException.Kind.DENIED, endpoint.describe() + " refused access to " + repository
                    + (sent.isPresent() ? " with the configured credential of user " + sent.get().user()
                    : why.map(w -> "; " + w).orElse(": run 'docker login " + loginName(endpoint) + "'")));
        }
        return again;
    }

    private static String loginName(Endpoint e) {
        return e.registry().equals(Endpoint.DOCKER_HUB) ? "" : e.registry();
    }

    /** The token realm a challenge names: an absolute HTTPS URL, or plain HTTP where the endpoint itself may use it. */
    private static URI realm(Endpoint endpoint, String text) throws RegistryException {
        URI realm;
        try {
            realm = new URI(text);
        } catch (URISyntaxException e) {
            throw new RegistryException(RegistryException.Kind.FAILED, endpoint.describe() + " named a malformed token realm");
        }
        String scheme = realm.getScheme() == null ? "" : realm.getScheme().toLowerCase(Locale.ROOT);
        if (realm.getHost() == null || realm.getRawUserInfo() != null || realm.getPort() > 65535 || realm.getPort() == 0) {
            throw new RegistryException(RegistryException.Kind.FAILED, endpoint.describe() + " named a token realm that is no URL of a host");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && endpoint.plainHttpAllowed())) {
            throw new RegistryException(RegistryException.Kind.FAILED, endpoint.describe() + " named a token realm that is neither HTTPS"
                    + " nor allowed plain HTTP (" + (scheme.isEmpty() ? "no scheme" : Shell.printable(scheme)) + ")");
        }
        return realm;
    }

    private String fetchToken(Endpoint endpoint, URI realm, Challenge c, String scope, Optional<Credential> credential, Optional<String> withheld)
            throws RegistryException {
        StringBuilder q = new StringBuilder();
        c.param("service").ifPresent(s -> q.append("service=").append(URLEncoder.encode(s, StandardCharsets.UTF_8)));
        q.append(q.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(c.param("scope").orElse(scope), StandardCharsets.UTF_8));
        URI uri = URI.create(realm.getScheme() + "://" + realm.getRawAuthority() + realm.getRawPath() + "?"
                + (realm.getRawQuery() == null ? "" : realm.getRawQuery() + "&") + q);
        Map<String, String> h = credential.map(cr -> Map.of("Authorization", cr.basic())).orElse(Map.of());
        HttpTransport.Answer a = wire.withRetries(endpoint, () -> http.send("GET", uri, h, limits.deadline(), limits.maxAnswerBytes()));
        if (a.status() == 401 || a.status() == 403) {
            throw new RegistryException(RegistryException.Kind.DENIED, "the token service of " + endpoint.describe() + " refused "
                    + (credential.isPresent() ? "the configured credential of user " + credential.get().user()
                    : "an anonymous token" + withheld.map(w -> " (" + w + ")").orElse(""))
                    + " (HTTP " + a.status() + ")");
        }
        if (a.status() != 200) {
            throw new RegistryException(RegistryException.Kind.FAILED, "the token service of " + endpoint.describe() + " answered HTTP " + a.status());
        }
        String token = RegistryJson.token(endpoint, a.body()).orElse("");
        if (token.isEmpty() || !TOKEN.matcher(token).matches()) {
            throw new RegistryException(RegistryException.Kind.FAILED, "the token service of " + endpoint.describe() + " sent no usable token");
        }
        return token;
    }

    /** The media type of an answer, without parameters ({@code ; charset=...}). */
    private static String mediaType(HttpTransport.Answer a) {
        String type = a.header("content-type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    }

    private static void expectOk(Endpoint endpoint, HttpTransport.Answer a, String what) throws RegistryException {
        if (a.status() != 200) {
            throw new RegistryException(a.status() >= 500 || a.status() == 429 ? RegistryException.Kind.UNREACHABLE : RegistryException.Kind.FAILED,
                    endpoint.describe() + " answered HTTP " + a.status() + " for " + what);
        }
    }
}

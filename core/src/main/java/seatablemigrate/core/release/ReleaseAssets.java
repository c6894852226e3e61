package seatablemigrate.core.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.plan.ReleaseSource;
import seatablemigrate.core.spi.HttpTransport;

/**
 * Fetches a release's {@link ReleaseEndpoints#ASSET} and the digest GitHub publishes for it. No credential is ever sent
 * (no header but {@code Accept} and the transport's {@code User-Agent}); redirects (GitHub answers the asset with one to
 * its storage) are followed here, at most {@link #MAX_REDIRECTS}, and only to addresses {@link ReleaseEndpoints#allowed}.
 * Messages name hosts only: a redirect's address carries a signed query.
 */
final class ReleaseAssets {
    static final int MAX_REDIRECTS = 5;
    static final Duration DOWNLOAD_DEADLINE = Duration.ofSeconds(60);
    static final Duration API_DEADLINE = Duration.ofSeconds(20);
    private static final int MAX_API_BYTES = 1 << 20;
    private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-f]{64})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReleaseEndpoints endpoints;
    private final HttpTransport http;

    ReleaseAssets(ReleaseEndpoints endpoints, HttpTransport http) {
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
        this.http = requireNonNull(http, "http is null");
    }

    ReleaseEndpoints endpoints() {
        return endpoints;
    }

    /**
     * What GitHub's release API says of the asset's digest.
     *
     * @param digest the sha256 it publishes
     * @param none   why there is none, when there is none
     */
    record Published(Optional<Sha256> digest, String none) {}

    /** The release's tarball; empty when the release has none (HTTP 404). */
    Optional<byte[]> tarball(SeaTableVersion version) throws ReleaseSource.Unavailable {
        URI uri = endpoints.tarball(version);
        try {
            HttpTransport.Answer a = get(uri, Map.of("Accept", "application/octet-stream"), DOWNLOAD_DEADLINE, ReleaseTarball.MAX_TARBALL_BYTES);
            if (a.status() == 404) {
                return Optional.empty();
            }
            if (a.status() != 200) {
                throw unreachable(version, "HTTP " + a.status() + " from " + ReleaseEndpoints.host(uri));
            }
            return Optional.of(a.body());
        } catch (HttpTransport.TooLarge e) {
            throw new ReleaseSource.Unavailable("the " + ReleaseEndpoints.ASSET + " of v" + version + " is " + e.getMessage()
                    + ", more than a release's compose files: refused");
        } catch (IOException e) {
            throw unreachable(version, why(e));
        }
    }

    /** The asset's digest as GitHub's release API publishes it ({@code assets[].digest}); an API that cannot say is no failure. */
    Published published(SeaTableVersion version) {
        URI uri = endpoints.release(version);
        try {
            HttpTransport.Answer a = get(uri, Map.of("Accept", "application/vnd.github+json"), API_DEADLINE, MAX_API_BYTES);
            if (a.status() != 200) {
                return new Published(Optional.empty(), "its release API answered HTTP " + a.status());
            }
            for (JsonNode asset : JSON.readTree(a.body()).path("assets")) {
                if (asset.path("name").asText("").equals(ReleaseEndpoints.ASSET)) {
                    var m = DIGEST.matcher(asset.path("digest").asText(""));
                    return m.matches() ? new Published(Optional.of(new Sha256(m.group(1))), "")
                            : new Published(Optional.empty(), "its release API publishes no sha256 for it");
                }
            }
            return new Published(Optional.empty(), "its release API does not list it");
        } catch (IOException | ReleaseSource.Unavailable e) {
            return new Published(Optional.empty(), "its release API could not be asked (" + (e instanceof IOException io ? why(io)
                    : e.getMessage()) + ")");
        }
    }

    /** GET {@code uri}, following redirects to allowed addresses only; never sends a credential. */
    /** Releases the transport's connections and threads ({@link HttpTransport#close}). */
    void close() {
        http.close();
    }

    private HttpTransport.Answer get(URI uri, Map<String, String> headers, Duration deadline, int maxBytes)
            throws IOException, ReleaseSource.Unavailable {
        URI at = uri;
        for (int hop = 0; ; hop++) {
            HttpTransport.Answer a = http.send("GET", at, headers, deadline, maxBytes);
            if (a.status() < 300 || a.status() >= 400 || a.status() == 304) {
                return a;
            }
            Optional<String> location = a.header("location");
            if (location.isEmpty() || hop == MAX_REDIRECTS) {
                throw new ReleaseSource.Unavailable(ReleaseEndpoints.host(uri) + " redirected " + (location.isEmpty() ? "nowhere"
                        : "more than " + MAX_REDIRECTS + " times") + ": SeaTable's release files are not downloaded");
            }
            URI next = resolve(at, location.get());
            if (!ReleaseEndpoints.allowed(next)) {
                throw new ReleaseSource.Unavailable(ReleaseEndpoints.host(at) + " redirected to " + ReleaseEndpoints.host(next)
                        + " over a connection that is not https: refused, SeaTable's release files are not downloaded");
            }
            at = next;
        }
    }

    private static URI resolve(URI base, String location) throws ReleaseSource.Unavailable {
        try {
            return base.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ReleaseSource.Unavailable(ReleaseEndpoints.host(base) + " redirected to an address that is none: refused");
        }
    }

    /** An exchange's failure in words (the JDK's connection failures often have no message). */
    private static String why(IOException e) {
        if (e instanceof ConnectException) {
            return "the connection was refused or failed";
        }
        if (e instanceof UnknownHostException) {
            return "the name " + Optional.ofNullable(e.getMessage()).orElse("") + " is not known here";
        }
        return Optional.ofNullable(e.getMessage()).orElse("the connection failed");
    }

    private ReleaseSource.Unavailable unreachable(SeaTableVersion version, String why) {
        return new ReleaseSource.Unavailable("SeaTable's release files of v" + version + " could not be downloaded from "
                + ReleaseEndpoints.host(endpoints.downloads()) + " (" + why + "); without the network, --release-files DIR is the"
                + " offline way: a folder per release with the files of its " + ReleaseEndpoints.ASSET);
    }
}

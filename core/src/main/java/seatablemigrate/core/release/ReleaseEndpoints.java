package seatablemigrate.core.release;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.model.SeaTableVersion;

/**
 * Where SeaTable's release files are downloaded from: the assets of the releases of github.com/seatable/seatable-release
 * ({@link #DOWNLOADS}), and GitHub's release API, which publishes each asset's digest ({@link #RELEASES}). Every address
 * used, redirects included, is {@code https://}; {@code http://} only to a loopback address (127.0.0.0/8, ::1), for tests.
 *
 * @param downloads the folder of the releases' assets: {@code <downloads>v6.1.8/seatable-compose.tar.gz}
 * @param releases  the API's releases by tag: {@code <releases>v6.1.8}
 */
public record ReleaseEndpoints(URI downloads, URI releases) {
    public static final URI DOWNLOADS = URI.create("https://github.com/seatable/seatable-release/releases/download/");
    public static final URI RELEASES = URI.create("https://api.github.com/repos/seatable/seatable-release/releases/tags/");
    /** SeaTable's own. */
    public static final ReleaseEndpoints GITHUB = new ReleaseEndpoints(DOWNLOADS, RELEASES);
    /** For tests only: another folder of assets (a loopback server), instead of {@link #DOWNLOADS}. */
    public static final String DOWNLOADS_PROPERTY = "seatable-migrate.release-downloads";
    /** For tests only: another release API, instead of {@link #RELEASES}. */
    public static final String RELEASES_PROPERTY = "seatable-migrate.release-api";
    /** The asset that holds a release's compose files. */
    public static final String ASSET = "seatable-compose.tar.gz";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public ReleaseEndpoints {
        requireNonNull(downloads, "downloads is null");
        requireNonNull(releases, "releases is null");
        for (URI u : new URI[] {downloads, releases}) {
            if (!allowed(u) || !u.getPath().endsWith("/")) {
                throw new UsageException("release files are downloaded over https only (http only from a loopback address), from a"
                        + " folder ending in /: " + host(u) + " is refused");
            }
        }
    }

    /**
     * {@link #GITHUB}, or for tests the addresses the system properties {@link #DOWNLOADS_PROPERTY} and
     * {@link #RELEASES_PROPERTY} name (each defaults to GitHub's).
     */
    public static ReleaseEndpoints fromProperties(UnaryOperator<String> properties) {
        return new ReleaseEndpoints(Optional.ofNullable(properties.apply(DOWNLOADS_PROPERTY)).map(URI::create).orElse(DOWNLOADS),
                Optional.ofNullable(properties.apply(RELEASES_PROPERTY)).map(URI::create).orElse(RELEASES));
    }

    /** The release's {@link #ASSET}. */
    public URI tarball(SeaTableVersion version) {
        return downloads.resolve("v" + version + "/" + ASSET);
    }

    /** The API's answer about the release. */
    public URI release(SeaTableVersion version) {
        return releases.resolve("v" + version);
    }

    /** Whether the tool may ask {@code uri}: https with a host, or http to a loopback address written as one. */
    static boolean allowed(URI uri) {
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        return scheme.equals("https") || (scheme.equals("http") && loopback(uri.getHost()));
    }

    /** A literal loopback address (a name is not resolved: it could name another machine). */
    static boolean loopback(String host) {
        if (IPV4.matcher(host).matches()) {
            // Parsed here: an invalid literal (127.0.0.300) would be looked up as a name.
            String[] octets = host.split("\\.");
            return octets[0].equals("127") && Stream.of(octets).allMatch(o -> Integer.parseInt(o) <= 255);
        }
        if (!host.startsWith("[") || !host.endsWith("]")) {
            return false;
        }
        try { // a bracketed IPv6 literal is parsed, never looked up
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The host an address names, for messages (the rest of it may hold a signed query: never shown). */
    static String host(URI uri) {
        return Optional.ofNullable(uri.getHost()).orElse("(no host)");
    }
}

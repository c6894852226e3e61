package seatablemigrate.core.release;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.plan.ReleaseFiles;
import seatablemigrate.core.plan.ReleaseSource;
import seatablemigrate.core.registry.JdkHttpTransport;
import seatablemigrate.core.spi.HttpTransport;

/**
 * {@code --download-release-files}: the running release's and the target's files, from the cache when they are there,
 * else downloaded ({@link ReleaseAssets}), compared with the digest GitHub publishes (a mismatch refuses them; none
 * published is said in the plan), unpacked ({@link ReleaseTarball}) and cached ({@link ReleaseCache}). A release SeaTable
 * published no tarball for refuses the upgrade's files when it is the target; for the running release the target's
 * files of its MAJOR.MINOR stand in ({@link ReleaseFiles#forVersion}), as with a folder.
 */
public final class ReleaseDownload implements ReleaseSource {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ReleaseCache cache;
    private final ReleaseAssets assets;
    private final Consumer<String> announce;

    ReleaseDownload(ReleaseCache cache, ReleaseAssets assets, Consumer<String> announce) {
        this.cache = requireNonNull(cache, "cache is null");
        this.assets = requireNonNull(assets, "assets is null");
        this.announce = requireNonNull(announce, "announce is null");
    }

    /**
     * @param cacheRoot where releases are kept ({@link ReleaseCache#defaultRoot})
     * @param endpoints where they are downloaded from ({@link ReleaseEndpoints#GITHUB})
     * @param announce  told one line before each download (what, from which host)
     */
    public static ReleaseDownload of(Path cacheRoot, ReleaseEndpoints endpoints, Consumer<String> announce) {
        return of(cacheRoot, endpoints, new JdkHttpTransport(CONNECT_TIMEOUT), announce);
    }

    static ReleaseDownload of(Path cacheRoot, ReleaseEndpoints endpoints, HttpTransport http, Consumer<String> announce) {
        return new ReleaseDownload(new ReleaseCache(cacheRoot), new ReleaseAssets(endpoints, http), announce);
    }

    /** The cache's folder: a plan records it, and {@code migrate --plan} reads the releases kept there. */
    @Override
    public Path root() {
        return cache.root();
    }

    /** Downloads what the cache lacks; the transport is released when done (a later call opens it again). */
    @Override
    public synchronized Provided provide(SeaTableVersion running, SeaTableVersion target) throws Unavailable {
        try {
            return fromCacheOrDownloaded(running, target);
        } finally {
            assets.close();
        }
    }

    private Provided fromCacheOrDownloaded(SeaTableVersion running, SeaTableVersion target) throws Unavailable {
        Map<SeaTableVersion, ReleaseFiles.Release> releases = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (SeaTableVersion v : running.equals(target) ? List.of(target) : List.of(running, target)) {
            Optional<ReleaseCache.Cached> c = cache.read(v);
            boolean cached = c.isPresent();
            if (c.isEmpty()) {
                c = download(v);
            }
            if (c.isEmpty() && v.equals(target)) {
                throw new Unavailable("SeaTable published no " + ReleaseEndpoints.ASSET + " for v" + target + " (HTTP 404 from "
                        + ReleaseEndpoints.host(assets.endpoints().downloads()) + "; it tags only some releases): give the files of its"
                        + " MAJOR.MINOR with --release-files DIR");
            }
            if (c.isEmpty()) {
                notes.add("SeaTable published no release files for the running v" + v + ": the nearest of " + v.majorMinor()
                        + ".x stand in for them");
                continue;
            }
            releases.put(v, c.get().release());
            notes.add("files of v" + v + (cached ? " from the cache " + cache.folder(v) : " downloaded") + " (sha256 "
                    + c.get().tarball().shortHex() + (c.get().published() ? ", the digest GitHub publishes)"
                    : ", not verified against a published digest)"));
        }
        return new Provided(new ReleaseFiles(cache.root(), releases), notes);
    }

    /** The release downloaded, checked and cached; empty when SeaTable published no tarball for it. */
    private Optional<ReleaseCache.Cached> download(SeaTableVersion version) throws Unavailable {
        announce.accept("Downloading SeaTable's release files v" + version + " (" + ReleaseEndpoints.ASSET + ") from "
                + ReleaseEndpoints.host(assets.endpoints().downloads()));
        Optional<byte[]> tarball = assets.tarball(version);
        if (tarball.isEmpty()) {
            return Optional.empty();
        }
        Sha256 sha = Sha256.of(tarball.get());
        ReleaseAssets.Published published = assets.published(version);
        if (published.digest().isPresent() && !published.digest().get().equals(sha)) {
            throw new Unavailable("the " + ReleaseEndpoints.ASSET + " of v" + version + " downloaded has sha256 " + sha
                    + ", not the digest GitHub publishes for it (" + published.digest().get() + "): refused");
        }
        if (published.digest().isEmpty()) {
            announce.accept("Its sha256 " + sha + " is not verified against a published digest: " + published.none());
        }
        try {
            return Optional.of(cache.store(version, sha, published.digest().isPresent(), ReleaseTarball.read(tarball.get())));
        } catch (ReleaseTarball.Refused e) {
            throw new Unavailable("the " + ReleaseEndpoints.ASSET + " of v" + version + " is refused: " + e.getMessage());
        }
    }
}

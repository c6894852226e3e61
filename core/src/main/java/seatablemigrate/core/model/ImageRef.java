package seatablemigrate.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Docker image reference: optional registry ({@code registry.local:5000}), repository path
 * ({@code seatable/seatable-enterprise}), optional tag and optional digest. Parsed the way the engine does:
 * the first path component is a registry when it contains a dot or a colon or is {@code localhost}.
 */
public record ImageRef(Optional<String> registry, String path, Optional<String> tag, Optional<String> digest) {
    private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** A registry host name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}");

    public ImageRef {
        requireNonNull(registry, "registry is null");
        requireNonNull(path, "path is null");
        requireNonNull(tag, "tag is null");
        requireNonNull(digest, "digest is null");
    }

    /** Parses a reference; empty when it is not a valid image reference. */
    public static Optional<ImageRef> parse(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        Optional<String> digest = Optional.empty();
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(s.substring(at + 1));
            s = s.substring(0, at);
            if (!DIGEST.matcher(digest.get()).matches()) {
                return Optional.empty();
            }
        }
        Optional<String> registry = Optional.empty();
        int slash = s.indexOf('/');
        if (slash > 0) {
            String first = s.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!REGISTRY.matcher(first).matches()) {
                    return Optional.empty();
                }
                registry = Optional.of(first);
                s = s.substring(slash + 1);
            }
        }
        Optional<String> tag = Optional.empty();
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            tag = Optional.of(s.substring(colon + 1));
            s = s.substring(0, colon);
            if (!TAG.matcher(tag.get()).matches()) {
                return Optional.empty();
            }
        }
        if (!PATH.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ImageRef(registry, s, tag, digest));
    }

    /**
     * Whether this is a MariaDB or MySQL server image ({@code mariadb:11.8}, {@code mysql:8}, a mirror's
     * {@code registry/library/mariadb}): how SeaTable's database service is recognised, whatever the service or
     * container is called ({@code mariadb}, {@code db}, 4.2's {@code seatable-db} / {@code seatable-mysql}).
     */
    public boolean isDatabaseServer() {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.equals("mariadb") || last.equals("mysql") || last.equals("mysql-server") || last.equals("percona-server");
    }

    /** The edition this image belongs to by its repository, whatever the registry. */
    public Optional<Edition> edition() {
        return Edition.fromRepository(path);
    }

    /** The version its tag names; empty for {@code latest}, a digest-only reference or another tag. */
    public Optional<SeaTableVersion> version() {
        return tag.flatMap(SeaTableVersion::parse);
    }

    /** True when the reference does not pin a version: no tag, or {@code latest}. */
    public boolean isFloating() {
        return digest.isEmpty() && (tag.isEmpty() || tag.get().equals("latest"));
    }

    /** Repository with registry prefix, without tag or digest (what {@code docker images} lists as REPOSITORY). */
    public String repository() {
        return registry.map(r -> r + "/" + path).orElse(path);
    }

    /** The image of {@code edition} at {@code version} from the same registry as this one. */
    public ImageRef forEdition(Edition edition, SeaTableVersion version) {
        String newPath = edition.repository();
        return new ImageRef(registry, newPath, Optional.of(version.toString()), Optional.empty());
    }

    /** This reference pinned to {@code digest} ({@code repo:tag@sha256:...}: the tag stays for people, the digest decides). */
    public ImageRef withDigest(String digest) {
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a digest");
        }
        return new ImageRef(registry, path, tag, Optional.of(digest));
    }

    /** This reference without a digest. */
    public ImageRef withoutDigest() {
        return new ImageRef(registry, path, tag, Optional.empty());
    }

    @Override
    public String toString() {
        return repository() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}

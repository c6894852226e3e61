package seatablemigrate.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A Docker image reference: optional registry ({@code registry.local:5000}), repository path
 * ({@code seatable/seatable-enterprise}), optional tag and optional digest. Parsed the way the engine does:
 * the first path component is a registry when it contains a dot or a colon or is {@code localhost}.
 */
public record ImageRef(Optional<String> registry, String path, Optional<String> tag, Optional<String> digest) {
    /** Docker's limit for a name, registry prefix included ({@code NameTotalLengthMax} of its reference package). */
    public static final int NAME_MAX = 255;
    /** A tag has at most 128 characters. */
    public static final int TAG_MAX = 128;
    /** A digest's algorithm part ({@code sha256}); Docker knows only short ones. */
    private static final int ALGORITHM_MAX = 32;
    /** A digest's hex part: at least 128 bits, at most sha512's 512. */
    private static final int HEX_MIN = 32;
    private static final int HEX_MAX = 128;
    /** The longest reference that can be valid: anything longer is refused before it is looked at. */
    private static final int REFERENCE_MAX = NAME_MAX + 1 + TAG_MAX + 1 + ALGORITHM_MAX + 1 + HEX_MAX;

    public ImageRef {
        requireNonNull(registry, "registry is null");
        requireNonNull(path, "path is null");
        requireNonNull(tag, "tag is null");
        requireNonNull(digest, "digest is null");
    }

    /**
     * Parses a reference; empty when it is not a valid image reference. The text may come from a host (a compose file,
     * a container's image) and be anything: each part is checked by a scanner that reads every character once, within
     * Docker's length limits, so that no input, however long, costs more than a glance.
     */
    public static Optional<ImageRef> parse(String text) {
        String s = text.trim();
        if (s.isEmpty() || s.length() > REFERENCE_MAX) {
            return Optional.empty();
        }
        Optional<String> digest = Optional.empty();
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(s.substring(at + 1));
            s = s.substring(0, at);
            if (!isDigest(digest.get())) {
                return Optional.empty();
            }
        }
        Optional<String> registry = Optional.empty();
        int slash = s.indexOf('/');
        if (slash > 0) {
            String first = s.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!isRegistry(first)) {
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
            if (!isTag(tag.get())) {
                return Optional.empty();
            }
        }
        if (!isPath(s) || registry.map(r -> r.length() + 1).orElse(0) + s.length() > NAME_MAX) {
            return Optional.empty();
        }
        return Optional.of(new ImageRef(registry, s, tag, digest));
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * The repository path: components of lower-case letters and digits joined by one separator ({@code .},
     * {@code _}, {@code __} or any run of {@code -}) and separated by {@code /}.
     */
    static boolean isPath(String s) {
        int i = 0;
        int n = s.length();
        while (true) {
            // a component: alphanumerics, then (separator, alphanumerics)*
            if (i >= n || !isLowerAlnum(s.charAt(i))) {
                return false;
            }
            while (i < n && isLowerAlnum(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                return true;
            }
            char c = s.charAt(i);
            if (c == '/') {
                i++;
            } else if (c == '.') {
                i++;
            } else if (c == '_') {
                i += i + 1 < n && s.charAt(i + 1) == '_' ? 2 : 1;
            } else if (c == '-') {
                while (i < n && s.charAt(i) == '-') {
                    i++;
                }
            } else {
                return false;
            }
        }
    }

    /** A tag: a word character, then at most 127 word characters, dots and dashes. */
    static boolean isTag(String s) {
        if (s.isEmpty() || s.length() > TAG_MAX || !(isAlnum(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        return s.chars().allMatch(c -> isAlnum((char) c) || c == '_' || c == '.' || c == '-');
    }

    /**
     * A registry: a host name (labels of letters, digits and inner dashes, joined by dots), an IPv4 address or a
     * bracketed IPv6 address, and an optional port of up to 5 digits.
     */
    static boolean isRegistry(String s) {
        int n = s.length();
        int i = 0;
        if (n > 0 && s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 2) {
                return false;
            }
            for (i = 1; i < close; i++) {
                char c = s.charAt(i);
                if (!(isHex(c) || c == ':' || c == '.')) {
                    return false;
                }
            }
            i = close + 1;
        } else {
            while (true) {
                // a label: starts and ends with an alphanumeric
                if (i >= n || !isAlnum(s.charAt(i))) {
                    return false;
                }
                while (i < n && (isAlnum(s.charAt(i)) || s.charAt(i) == '-')) {
                    i++;
                }
                if (s.charAt(i - 1) == '-') {
                    return false;
                }
                if (i < n && s.charAt(i) == '.') {
                    i++;
                } else {
                    break;
                }
            }
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) != ':') {
            return false;
        }
        int digits = n - i - 1;
        return digits >= 1 && digits <= 5 && s.substring(i + 1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * A digest: an algorithm (lower-case alphanumerics joined by single {@code + . _ -}), a colon, and 32 to 128 hex
     * digits.
     */
    static boolean isDigest(String s) {
        int colon = s.indexOf(':');
        if (colon < 1 || colon > ALGORITHM_MAX) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            boolean separator = c == '+' || c == '.' || c == '_' || c == '-';
            if (!isLowerAlnum(c) && !(separator && i > 0 && i < colon - 1 && isLowerAlnum(s.charAt(i - 1)))) {
                return false;
            }
        }
        int hex = s.length() - colon - 1;
        return hex >= HEX_MIN && hex <= HEX_MAX && s.substring(colon + 1).chars().allMatch(c -> isHex((char) c));
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
        if (!isDigest(digest)) {
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

package seatablemigrate.core.fleet;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where an offline fleet dry-run ({@code migrate --inventory FILE --dry-run --offline --from-dir COPIES}) finds each
 * host's copy of its compose directory: {@code COPIES/<inventory host name>/}. The name comes from the inventory and is
 * not trusted to pick a path: only a plain folder name (one path segment: not empty, not {@code .} or {@code ..}, no
 * {@code /}, no NUL, at most 255 bytes) names a folder, always a direct child of {@code COPIES}; a host with any other
 * name, or without that folder, has no copy and is skipped, saying why. (A symlink in {@code COPIES} was put there by
 * whoever owns that folder, the user: it is followed like the folder it stands for.)
 *
 * @param root the folder of copies, absolute and normalised
 */
public record FleetCopies(Path root) {
    /** The longest file name Linux file systems take (NAME_MAX), in bytes. */
    private static final int NAME_MAX = 255;

    public FleetCopies {
        requireNonNull(root, "root is null");
        if (!root.isAbsolute() || !root.normalize().equals(root)) {
            throw new IllegalArgumentException("the folder of copies must be absolute and normalised: " + root);
        }
    }

    /** The folder that holds {@code host}'s copy, a direct child of {@link #root}; empty when its name cannot be a folder's name. */
    public Optional<Path> folder(FleetHost host) {
        if (unusable(host.name()).isPresent()) {
            return Optional.empty();
        }
        Path folder = root.resolve(host.name());
        // The name rule already keeps it there; this says so where the path is made.
        if (!root.equals(folder.getParent()) || !folder.normalize().equals(folder)) {
            return Optional.empty();
        }
        return Optional.of(folder);
    }

    /**
     * Why {@code host} is skipped, when it is: its name names no folder, or {@code isFolder} says its folder is none
     * (does not exist, or is a file). Empty when the host has its copy.
     */
    public Optional<String> skipped(FleetHost host, Predicate<Path> isFolder) {
        Optional<String> unusable = unusable(host.name());
        if (unusable.isPresent()) {
            return Optional.of("skipped: its inventory name " + unusable.get() + ", so it names no folder in " + root + " (the copies are"
                    + " COPIES/<inventory host name>/); give it a plain name in the inventory");
        }
        Path folder = folder(host).orElseThrow();
        return isFolder.test(folder) ? Optional.empty()
                : Optional.of("skipped: no copy of its compose directory in " + folder + " (--from-dir " + root + ")");
    }

    /** What makes {@code name} no plain folder name, in words; empty for a plain one. */
    static Optional<String> unusable(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'" + name + "' is a relative folder, not a name");
        }
        if (name.indexOf('/') >= 0) {
            return Optional.of("'" + name + "' has a '/'");
        }
        if (name.indexOf('\0') >= 0) {
            return Optional.of("holds a NUL byte");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            return Optional.of("is longer than " + NAME_MAX + " bytes");
        }
        return Optional.empty();
    }
}

package seatablemigrate.core.fleet;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where an offline fleet dry-run ({@code migrate|upgrade --inventory FILE --dry-run --offline --from-dir COPIES}) finds
 * each host's copy of its compose directory: {@code COPIES/<inventory host name>/}; and, for an upgrade (which saves
 * SeaTable's configuration folder, {@code --seatable-conf-from-dir CONFS}), the copy of that folder in
 * {@code CONFS/<inventory host name>/}. The name comes from the inventory and is not trusted to pick a path: only a plain
 * folder name (one path segment: not empty, not {@code .} or {@code ..}, no {@code /}, no NUL, at most 255 bytes) names a
 * folder, always a direct child of {@code COPIES} (or {@code CONFS}); a host with any other name, or without its folders,
 * has no copy and is skipped, saying why. (A symlink in {@code COPIES} was put there by whoever owns that folder, the
 * user: it is followed like the folder it stands for.)
 *
 * @param root          the folder of compose directory copies, absolute and normalised
 * @param seatableConfs the folder of configuration folder copies, absolute and normalised, when the run saves them
 */
public record FleetCopies(Path root, Optional<Path> seatableConfs) {
    /** The longest file name Linux file systems take (NAME_MAX), in bytes. */
    private static final int NAME_MAX = 255;

    public FleetCopies {
        requireNonNull(root, "root is null");
        requireNonNull(seatableConfs, "seatableConfs is null");
        checkRoot(root);
        seatableConfs.ifPresent(FleetCopies::checkRoot);
    }

    /** Copies of compose directories only (a switch within a release). */
    public FleetCopies(Path root) {
        this(root, Optional.empty());
    }

    /** These copies, with each host's configuration folder copied in {@code confs/<inventory host name>/}. */
    public FleetCopies withSeatableConfs(Path confs) {
        return new FleetCopies(root, Optional.of(confs));
    }

    private static void checkRoot(Path root) {
        if (!root.isAbsolute() || !root.normalize().equals(root)) {
            throw new IllegalArgumentException("the folder of copies must be absolute and normalised: " + root);
        }
    }

    /** The folder that holds {@code host}'s copy, a direct child of {@link #root}; empty when its name cannot be a folder's name. */
    public Optional<Path> folder(FleetHost host) {
        return child(root, host.name());
    }

    /**
     * The folder that holds {@code host}'s copy of SeaTable's configuration folder, a direct child of
     * {@link #seatableConfs}; empty when the run saves none or the name cannot be a folder's name.
     */
    public Optional<Path> seatableConf(FleetHost host) {
        return seatableConfs.flatMap(confs -> child(confs, host.name()));
    }

    private static Optional<Path> child(Path root, String name) {
        if (unusable(name).isPresent()) {
            return Optional.empty();
        }
        Path folder = root.resolve(name);
        // The name rule already keeps it there; this says so where the path is made.
        if (!root.equals(folder.getParent()) || !folder.normalize().equals(folder)) {
            return Optional.empty();
        }
        return Optional.of(folder);
    }

    /**
     * Why {@code host} is skipped, when it is: its name names no folder, or {@code isFolder} says one of its folders is
     * none (does not exist, or is a file). Empty when the host has its copies.
     */
    public Optional<String> skipped(FleetHost host, Predicate<Path> isFolder) {
        Optional<String> unusable = unusable(host.name());
        if (unusable.isPresent()) {
            return Optional.of("skipped: its inventory name " + unusable.get() + ", so it names no folder in " + root + " (the copies are"
                    + " COPIES/<inventory host name>/); give it a plain name in the inventory");
        }
        Path folder = folder(host).orElseThrow();
        if (!isFolder.test(folder)) {
            return Optional.of("skipped: no copy of its compose directory in " + folder + " (--from-dir " + root + ")");
        }
        return seatableConf(host).filter(conf -> !isFolder.test(conf)).map(conf -> "skipped: no copy of its SeaTable configuration"
                + " folder in " + conf + " (--seatable-conf-from-dir " + seatableConfs.orElseThrow() + ")");
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

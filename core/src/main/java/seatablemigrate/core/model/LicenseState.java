package seatablemigrate.core.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The license file at one path: missing, a stray directory (what old Compose versions create for a missing bind
 * source), or a regular file that parsed or did not.
 *
 * @param sha256 a file's checksum, also when it does not parse: what an audit script expects to find there
 */
public record LicenseState(Path path, Kind kind, Optional<License> license, Optional<String> problem, Optional<Sha256> sha256) {
    public enum Kind { MISSING, DIRECTORY, FILE }

    /** A state whose checksum is the parsed license's (none without one). */
    public LicenseState(Path path, Kind kind, Optional<License> license, Optional<String> problem) {
        this(path, kind, license, problem, license.map(License::sha256));
    }

    public static LicenseState missing(Path path) {
        return new LicenseState(path, Kind.MISSING, Optional.empty(), Optional.empty());
    }

    public static LicenseState directory(Path path) {
        return new LicenseState(path, Kind.DIRECTORY, Optional.empty(), Optional.empty());
    }

    /** Reads a regular file's bytes; a parse failure is kept as the problem, without content. */
    public static LicenseState file(Path path, byte[] bytes) {
        try {
            return new LicenseState(path, Kind.FILE, Optional.of(License.parse(bytes)), Optional.empty());
        } catch (LicenseFormatException e) {
            return new LicenseState(path, Kind.FILE, Optional.empty(), Optional.of(e.getMessage()), Optional.of(Sha256.of(bytes)));
        }
    }

    /** The same state, named by {@code other} (a copy's file as the host's path). */
    public LicenseState at(Path other) {
        return new LicenseState(other, kind, license, problem, sha256);
    }

    public String summary() {
        return switch (kind) {
            case MISSING -> "missing";
            case DIRECTORY -> "a directory, not a file";
            case FILE -> license.map(License::summary).orElseGet(() -> problem.orElse("unreadable"));
        };
    }
}

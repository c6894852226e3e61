package seatablemigrate.core.model;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A SeaTable release number MAJOR.MINOR.PATCH. Editions switch only within one MAJOR.MINOR. */
public record SeaTableVersion(int major, int minor, int patch) implements Comparable<SeaTableVersion> {
    private static final Pattern FORMAT = Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,6})");
    private static final Comparator<SeaTableVersion> ORDER = Comparator.comparingInt(SeaTableVersion::major)
            .thenComparingInt(SeaTableVersion::minor).thenComparingInt(SeaTableVersion::patch);

    public SeaTableVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative");
        }
    }

    /** Parses {@code X.Y.Z} (an optional leading {@code v} is accepted); anything else is empty. */
    public static Optional<SeaTableVersion> parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SeaTableVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /**
     * A release tag as SeaTable publishes them: exactly {@code X.Y.Z} with no prefix or suffix. {@code latest},
     * {@code 6.0}, {@code 6.0.1-rc1} and {@code v6.0.1} are not release tags.
     */
    public static Optional<SeaTableVersion> parseTag(String tag) {
        return tag.matches("\\d{1,4}\\.\\d{1,4}\\.\\d{1,6}") ? parse(tag) : Optional.empty();
    }

    public boolean sameMinor(SeaTableVersion other) {
        return major == other.major && minor == other.minor;
    }

    public String majorMinor() {
        return major + "." + minor;
    }

    @Override
    public int compareTo(SeaTableVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}

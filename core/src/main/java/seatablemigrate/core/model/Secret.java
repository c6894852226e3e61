package seatablemigrate.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A value that must never be printed: database passwords, keys, tokens, license content. {@link #toString()} is
 * masked so that logs, exceptions and reports cannot show it by accident; {@link #reveal()} is the one
 * deliberate way to get the value, for code that hands it to the place that needs it.
 */
public final class Secret {
    public static final String MASK = "********";
    private final String value;

    private Secret(String value) {
        this.value = requireNonNull(value, "value is null");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}

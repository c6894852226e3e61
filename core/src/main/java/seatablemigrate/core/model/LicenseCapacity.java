package seatablemigrate.core.model;

import static java.util.Objects.requireNonNull;

/**
 * How a license's {@code MaxUsers} compares with the accounts SeaTable counts against it ({@link ActiveUsers}): the one
 * rule that the {@code license-users} check and {@code status} share. Too small when more accounts are active than the
 * license allows; near its limit within 10% of it (at {@code MaxUsers} itself no account can be added).
 *
 * @param verdict  the comparison's outcome
 * @param sentence what it means, for people
 */
public record LicenseCapacity(Verdict verdict, String sentence) {
    /** The outcome of the comparison. */
    public enum Verdict {
        /** More active accounts than the license allows. */
        TOO_SMALL,
        /** Within 10% of the license's limit, or at it. */
        NEAR_LIMIT,
        FITS,
        /** The license states no (positive) MaxUsers: nothing to compare with. */
        UNSTATED,
        /** The active accounts could not be counted. */
        NOT_COUNTED
    }

    /** Warn when the active accounts reach this share of MaxUsers, in percent. */
    public static final int NEAR_LIMIT_PERCENT = 90;

    public LicenseCapacity {
        requireNonNull(verdict, "verdict is null");
        requireNonNull(sentence, "sentence is null");
    }

    /** Compares {@code users} with what {@code license} allows. */
    public static LicenseCapacity of(ActiveUsers users, License license) {
        if (users.count().isEmpty()) {
            return new LicenseCapacity(Verdict.NOT_COUNTED, "the active accounts cannot be counted (" + users.unreadable().orElseThrow() + ")");
        }
        int n = users.count().getAsInt();
        if (license.maxUsers().isEmpty() || license.maxUsers().getAsInt() <= 0) {
            return new LicenseCapacity(Verdict.UNSTATED, n + " " + ActiveUsers.SOURCE + "; the license states no MaxUsers to compare them with");
        }
        int max = license.maxUsers().getAsInt();
        String counted = n + " " + ActiveUsers.SOURCE + " and the license allows " + max + " (MaxUsers)";
        if (n > max) {
            return new LicenseCapacity(Verdict.TOO_SMALL, counted + ": " + (n - max) + " more than it covers");
        }
        // In long: 10 * n of a number near Integer.MAX_VALUE would overflow.
        if (100L * n >= (long) NEAR_LIMIT_PERCENT * max) {
            return new LicenseCapacity(Verdict.NEAR_LIMIT, counted + ": within " + (100 - NEAR_LIMIT_PERCENT) + "% of its limit"
                    + (n == max ? ", no account can be added" : ", " + (max - n) + " more can be added"));
        }
        return new LicenseCapacity(Verdict.FITS, counted);
    }
}

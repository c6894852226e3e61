package seatablemigrate.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The accounts SeaTable counts against a license's {@code MaxUsers}: the active rows ({@code is_active = 1}) of
 * {@code ccnet_db.EmailUser}, as SeaTable's own {@code tools/user-stats.sh} counts them; deactivated accounts do not
 * count (sources: docs/license-capacity.md). Either the count, or why it could not be read.
 *
 * @param count      the number of active accounts, when MariaDB answered it
 * @param unreadable why it could not be read (one sentence for the user), when it could not
 */
public record ActiveUsers(OptionalInt count, Optional<String> unreadable) {
    /** Where the count comes from, for messages. */
    public static final String SOURCE = "active accounts in ccnet_db.EmailUser";

    public ActiveUsers {
        requireNonNull(count, "count is null");
        requireNonNull(unreadable, "unreadable is null");
        if (count.isPresent() == unreadable.isPresent()) {
            throw new IllegalArgumentException("either a count or why there is none");
        }
        if (count.isPresent() && count.getAsInt() < 0) {
            throw new IllegalArgumentException("a count of users is not negative");
        }
    }

    public static ActiveUsers counted(int users) {
        return new ActiveUsers(OptionalInt.of(users), Optional.empty());
    }

    public static ActiveUsers unreadable(String why) {
        return new ActiveUsers(OptionalInt.empty(), Optional.of(why));
    }

    /** "12 active accounts in ccnet_db.EmailUser", or "not counted: why". */
    public String describe() {
        return count.isPresent() ? count.getAsInt() + " " + SOURCE : "not counted: " + unreadable.orElseThrow();
    }
}

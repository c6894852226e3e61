package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.SeaTableVersion;

/**
 * SeaTable's documented upgrade rules, one entry per release line (docs/upgrade-facts.md has the sources): from 4.3 on any
 * release may go straight to a newer one and the image migrates the databases on its first start; before 4.3 the database
 * upgrade is manual; and each release line crossed may add a step of its own. A step the tool cannot make refuses the
 * upgrade, naming the step and where it is documented; a notice is shown and the upgrade goes on.
 */
public final class UpgradePath {
    /** The oldest release whose image migrates the databases itself. */
    public static final SeaTableVersion AUTOMATIC_FROM = new SeaTableVersion(4, 3, 0);
    /** Where SeaTable documents the extra steps of each release line. */
    public static final String NOTICES = "https://admin.seatable.com/upgrade/extra-upgrade-notice/";
    /** Where SeaTable documents the manual procedure before 4.3. */
    public static final String MANUAL_BEFORE_4_3 = "https://admin.seatable.com/upgrade/upgrade-manual/";

    /** What crossing into a release line asks of the admin. */
    public enum Kind {
        /** Nothing beyond the image: it migrates the databases itself. */
        AUTOMATIC,
        /** Something to know or to do afterwards; the upgrade goes on and the plan shows it. */
        NOTICE,
        /** A step the tool does not make (files the official migration script edits): the upgrade is refused until it is done. */
        MANUAL
    }

    /**
     * One release line's entry.
     *
     * @param major  the line's MAJOR
     * @param minor  the line's MINOR
     * @param kind   what crossing into it asks
     * @param text   the step or the notice, a sentence for the admin
     */
    public record ReleaseLine(int major, int minor, Kind kind, String text) {
        public ReleaseLine {
            requireNonNull(kind, "kind is null");
            requireNonNull(text, "text is null");
        }

        /** {@code 6.1}. */
        public String name() {
            return major + "." + minor;
        }

        boolean after(SeaTableVersion v) {
            return major > v.major() || (major == v.major() && minor > v.minor());
        }

        boolean atMost(SeaTableVersion v) {
            return major < v.major() || (major == v.major() && minor <= v.minor());
        }

        boolean is(SeaTableVersion v) {
            return major == v.major() && minor == v.minor();
        }
    }

    /** The lines this version of the tool knows, oldest first. */
    public static final List<ReleaseLine> LINES = List.of(
            new ReleaseLine(4, 3, Kind.AUTOMATIC, "the image migrates the databases itself from now on"),
            new ReleaseLine(4, 4, Kind.NOTICE, "bases stored the pre-3.0 way (installations begun on 1.x or 2.x) are no longer supported:"
                    + " list them with 'docker exec seatable-server /templates/migrate_bases.sh --list' before the upgrade"),
            new ReleaseLine(5, 0, Kind.NOTICE, "the API gateway becomes mandatory: nginx inside the container needs its /api-gateway/"
                    + " location (5.3 ships that configuration itself)"),
            new ReleaseLine(5, 1, Kind.NOTICE, "the release's official files move MariaDB to 11.4 (without --release-files this"
                    + " upgrade changes SEATABLE_IMAGE only)"),
            new ReleaseLine(5, 2, Kind.MANUAL, "Memcached is removed: switch CACHES in dtable_web_settings.py to Redis, drop"
                    + " COMPRESS_CACHE_BACKEND and take the new official compose files"),
            new ReleaseLine(5, 3, Kind.MANUAL, "run the release's migrate/migrate_5.2_5.3.sh (it renames SEATABLE_MYSQL_ROOT_PASSWORD to"
                    + " MARIADB_PASSWORD, carries JWT_PRIVATE_KEY over from dtable_server_config.json and adds REDIS_PASSWORD) and take"
                    + " the new official compose files"),
            new ReleaseLine(6, 0, Kind.NOTICE, "the release's official files move MariaDB to 11.8 and Redis to 8 (without"
                    + " --release-files this upgrade changes SEATABLE_IMAGE only; with them, MariaDB's data files are upgraded by the new"
                    + " image and are not restored by the way back)"),
            new ReleaseLine(6, 1, Kind.NOTICE, "Python scripts are off by default: set ENABLE_PYTHON_SCRIPT=true in .env if the"
                    + " Python Pipeline is used"),
            new ReleaseLine(6, 2, Kind.MANUAL, "run the release's migrate/migrate_6.1_6.2.sh (it moves SECRET_KEY from"
                    + " dtable_web_settings.py into .env, which must be carried over, never generated) and move the settings of the"
                    + " deleted configuration files to .env"));

    private UpgradePath() {}

    /**
     * The way from {@code from} to {@code to} ({@code to} newer than {@code from}): the lines crossed (after {@code from}'s,
     * up to {@code to}'s), and why it is refused, if it is.
     */
    public static Route route(SeaTableVersion from, SeaTableVersion to) {
        if (to.compareTo(from) <= 0) {
            throw new IllegalArgumentException(to + " is not newer than " + from);
        }
        List<ReleaseLine> crossed = LINES.stream().filter(l -> l.after(from) && l.atMost(to)).toList();
        Optional<String> refusal;
        if (from.compareTo(AUTOMATIC_FROM) < 0) {
            refusal = Optional.of("SeaTable " + from + " is older than " + AUTOMATIC_FROM.majorMinor() + ", whose images do not migrate the"
                    + " databases themselves: upgrade by hand to " + AUTOMATIC_FROM.majorMinor() + " first ('seatable.sh upgrade-sql X.Y' for"
                    + " each minor release crossed, see " + MANUAL_BEFORE_4_3 + ")");
        } else if (LINES.stream().noneMatch(l -> l.is(to))) {
            ReleaseLine newest = LINES.get(LINES.size() - 1);
            refusal = Optional.of("SeaTable " + to.majorMinor() + " is a release line this version of the tool knows no upgrade"
                    + " facts for (it knows " + LINES.get(0).name() + " to " + newest.name() + "): update the tool, or give"
                    + " --version of a known line");
        } else {
            List<String> manual = crossed.stream().filter(l -> l.kind() == Kind.MANUAL).map(l -> l.name() + ": " + l.text()).toList();
            refusal = manual.isEmpty() ? Optional.empty() : Optional.of("crossing " + String.join("; crossing ", manual)
                    + ". The tool does not make these changes yet: make them as " + NOTICES + " describes, or upgrade to the"
                    + " newest release before that line");
        }
        return new Route(from, to, crossed, refusal);
    }

    /** The newest of {@code candidates} that {@code from} may be upgraded to without a refusal; empty when there is none. */
    public static Optional<SeaTableVersion> newestAllowed(SeaTableVersion from, List<SeaTableVersion> candidates) {
        return candidates.stream().filter(v -> v.compareTo(from) > 0).filter(v -> route(from, v).refusal().isEmpty())
                .max(Comparator.naturalOrder());
    }

    /**
     * The way from one release to a newer one.
     *
     * @param crossed the release lines crossed, oldest first
     * @param refusal why the tool does not take this way; empty when it does
     */
    public record Route(SeaTableVersion from, SeaTableVersion to, List<ReleaseLine> crossed, Optional<String> refusal) {
        public Route {
            crossed = List.copyOf(crossed);
        }

        /**
         * Why the way is refused, in a few words for a list ({@code crossing 6.2 needs a manual step}); the whole reason is
         * {@link #refusal()}.
         */
        public Optional<String> shortRefusal() {
            if (refusal.isEmpty()) {
                return Optional.empty();
            }
            if (from.compareTo(AUTOMATIC_FROM) < 0) {
                return Optional.of(from + " is older than " + AUTOMATIC_FROM.majorMinor());
            }
            List<String> manual = crossed.stream().filter(l -> l.kind() == Kind.MANUAL).map(ReleaseLine::name).toList();
            return Optional.of(manual.isEmpty() ? "its line " + to.majorMinor() + " is unknown to this version of the tool"
                    : "crossing " + String.join(", ", manual) + " needs a manual step");
        }

        /** The notices of the lines crossed, each {@code 6.1: text}. */
        public List<String> notices() {
            return crossed.stream().filter(l -> l.kind() == Kind.NOTICE).map(l -> l.name() + ": " + l.text()).toList();
        }

        /** {@code 5.3.4 -> 6.1.0 (crossing 6.0, 6.1)} or {@code (within 6.0)}. */
        public String describe() {
            return from + " -> " + to + (crossed.isEmpty() ? " (within " + from.majorMinor() + ")"
                    : " (crossing " + String.join(", ", crossed.stream().map(ReleaseLine::name).toList()) + ")");
        }
    }
}

package seatablemigrate.core.runfolder;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.spi.FileEdit;

/**
 * One run's folder on the host, {@code <backup root>/<UTC yyyyMMdd-HHmmss>-to-<edition>} for an edition switch and
 * {@code <backup root>/<UTC yyyyMMdd-HHmmss>-upgrade-to-<X.Y.Z>} for an upgrade, and what lies in it: the
 * copied configuration, the database dump, the manifest and its checksums, the journal and the run's log. The one
 * place these names are spelled; whoever writes or reads a run folder asks this type where a file is.
 */
public record RunFolder(Path dir) {
    public static final String JOURNAL = "journal.log";
    public static final String LOG = "seatable-migrate.log";
    public static final String CONFIG_DIR = "config";
    public static final String DUMP_FILE = "databases.sql";
    /** An upgrade's copy of SeaTable's configuration folder ({@code conf/} in its data volume). */
    public static final String SEATABLE_CONF_DIR = "seatable-conf";
    public static final String MANIFEST = "manifest.json";
    /** Written by the {@link FileEdit.WriteChecksums} change, whose shell form spells it too. */
    public static final String CHECKSUMS = FileEdit.WriteChecksums.FILE_NAME;

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);
    /** The time, what the run went to, and for a later run in the same second its number. */
    private static final Pattern NAME = Pattern.compile("(\\d{8}-\\d{6})-(to-[a-z]+|upgrade-to-\\d{1,4}\\.\\d{1,4}\\.\\d{1,6})"
            + "(?:-(?:[2-9]|[1-9]\\d{1,8}))?");

    public RunFolder {
        requireNonNull(dir, "dir is null");
    }

    /**
     * The {@code n}th run folder (from 1) of the second {@code at} of a switch to {@code to}: {@code <root>/<UTC
     * yyyyMMdd-HHmmss>-to-<edition>}, from the second on with {@code -n}. A run folder is never reused: a run in the same
     * second takes the next n.
     */
    public static RunFolder named(Path root, Instant at, Edition to, int n) {
        return named(root, at, "to-" + to.id(), n);
    }

    /**
     * The {@code n}th run folder (from 1) of the second {@code at} of an upgrade to {@code to}: {@code <root>/<UTC
     * yyyyMMdd-HHmmss>-upgrade-to-<X.Y.Z>}, from the second on with {@code -n}.
     */
    public static RunFolder upgradeNamed(Path root, Instant at, SeaTableVersion to, int n) {
        return named(root, at, "upgrade-to-" + to, n);
    }

    private static RunFolder named(Path root, Instant at, String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("run folders are counted from 1, not " + n);
        }
        return new RunFolder(root.resolve(RUN_ID.format(at) + "-" + what + (n == 1 ? "" : "-" + n)));
    }

    /**
     * Whether {@code runDir} is a folder {@link #named} could have named for a switch to {@code to} in {@code root}: a
     * direct child, named {@code <UTC yyyyMMdd-HHmmss>-to-<edition>} with a real time and, for a later run in the same
     * second, {@code -2}, {@code -3}... (a reviewed plan names its folder, and nothing else may be written to).
     */
    public static boolean isNamed(Path runDir, Path root, Edition to) {
        return isNamed(runDir, root, "to-" + to.id());
    }

    /**
     * Whether {@code runDir} is a folder {@link #upgradeNamed} could have named for an upgrade to {@code to} in {@code
     * root}, or one that a version from before upgrades had their own names gave it ({@code -to-<edition>} of
     * {@code edition}, the edition that runs).
     */
    public static boolean isUpgradeNamed(Path runDir, Path root, Edition edition, SeaTableVersion to) {
        return isNamed(runDir, root, "upgrade-to-" + to) || isNamed(runDir, root, edition);
    }

    private static boolean isNamed(Path runDir, Path root, String what) {
        if (runDir.getParent() == null || !runDir.getParent().equals(root) || !runDir.normalize().equals(runDir)) {
            return false;
        }
        Matcher m = NAME.matcher(runDir.getFileName().toString());
        if (!m.matches() || !m.group(2).equals(what)) {
            return false;
        }
        try {
            RUN_ID.parse(m.group(1));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The journal: a line before and after each step, read to tell whether the run ended. */
    public Path journal() {
        return dir.resolve(JOURNAL);
    }

    /** The run's log (secrets masked). */
    public Path log() {
        return dir.resolve(LOG);
    }

    /** The copies of {@code .env}, the license and the compose files, taken before the first change. */
    public Path config() {
        return dir.resolve(CONFIG_DIR);
    }

    public Path seatableConf() {
        return dir.resolve(SEATABLE_CONF_DIR);
    }

    public Path dump() {
        return dir.resolve(DUMP_FILE);
    }

    /** {@link BackupManifest}'s JSON. */
    public Path manifest() {
        return dir.resolve(MANIFEST);
    }

    public Path checksums() {
        return dir.resolve(CHECKSUMS);
    }
}

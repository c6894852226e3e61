package seatablemigrate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Properties;

/**
 * Keeps the launcher's start-up archive (AppCDS, {@code lib/seatable-migrate.jsa}) current across Java updates. An
 * archive only maps into the JVM that made it; any other starts without it, silently (about twice as slow), and the
 * launcher, which checks only the jar, would never make it again. So when the launcher handed an archive over and the
 * JVM did not map it, and this Java was installed after the archive was made (a package update), the launcher's record
 * of the archive is dropped: the next start makes it again, once. A Java that was there before (a second JDK used now
 * and then) leaves it alone, so that two of them do not take turns making it.
 */
final class StartupArchive {
    /** Set by the launcher when it hands an archive over: the file that records it as made for this jar. */
    static final String RECORD_PROPERTY = "seatablemigrate.cds.record";

    private StartupArchive() {}

    /** Drops the record when the archive was not used and this Java changed after it was made; never fails. */
    static void forgetIfStale(Properties jvm) {
        String record = jvm.getProperty(RECORD_PROPERTY);
        // "mixed mode, sharing": the JVM mapped an archive; it maps no other one when the one it was given fails.
        if (record == null || jvm.getProperty("java.vm.info", "").contains("sharing")) {
            return;
        }
        try {
            Path recordFile = Path.of(record);
            Path archive = recordFile.resolveSibling(recordFile.getFileName().toString().replaceFirst("\\.path$", ""));
            // The change time: a package manager keeps a file's modification time from the package, not from the install.
            FileTime java = (FileTime) Files.getAttribute(Path.of(jvm.getProperty("java.home"), "lib", "modules"), "unix:ctime");
            if (java.compareTo(Files.getLastModifiedTime(archive)) > 0) {
                Files.deleteIfExists(recordFile);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a start without the archive is slower, not wrong (a read-only place, another user's archive).
        }
    }
}

package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up archive stays current: a Java installed after the archive was made cannot map it (the JVM then starts
 * without any, silently, at every start), so its record is dropped and the launcher makes it again on the next start.
 * Another Java that was there before (a second JDK) does not make every start redo it.
 */
class StartupArchiveTest {
    @TempDir
    Path tmp;

    private Properties jvm(String info, Path javaHome, Path record) {
        Properties p = new Properties();
        p.setProperty("java.vm.info", info);
        p.setProperty("java.home", javaHome.toString());
        p.setProperty(StartupArchive.RECORD_PROPERTY, record.toString());
        return p;
    }

    @Test
    void aJavaInstalledAfterTheArchiveDropsItsRecord() throws Exception {
        Path archive = Files.writeString(tmp.resolve("seatable-migrate.jsa"), "archive");
        Path record = Files.writeString(tmp.resolve("seatable-migrate.jsa.path"), "/opt/seatable-migrate/lib/seatable-migrate.jar");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        Path newJava = Files.createDirectories(tmp.resolve("jdk-new/lib"));
        Files.writeString(newJava.resolve("modules"), "modules"); // installed now: changed after the archive

        StartupArchive.forgetIfStale(jvm("mixed mode, sharing", newJava.getParent(), record));
        assertThat(record).as("the archive was used").exists();

        StartupArchive.forgetIfStale(jvm("mixed mode", newJava.getParent(), record));
        assertThat(record).as("the archive was not used, and Java changed after it was made").doesNotExist();
        assertThat(archive).exists();
    }

    @Test
    void aJavaThatWasThereBeforeTheArchiveKeepsIt() throws Exception {
        Path oldJava = Files.createDirectories(tmp.resolve("jdk-old/lib"));
        Files.writeString(oldJava.resolve("modules"), "modules");
        Thread.sleep(20); // the archive is made after that Java was installed
        Files.writeString(tmp.resolve("seatable-migrate.jsa"), "archive");
        Path record = Files.writeString(tmp.resolve("seatable-migrate.jsa.path"), "/opt/seatable-migrate/lib/seatable-migrate.jar");

        StartupArchive.forgetIfStale(jvm("mixed mode", oldJava.getParent(), record));
        assertThat(record).exists();
        // Without the launcher's record (java -jar, tests) nothing is looked at.
        Properties plain = jvm("mixed mode", oldJava.getParent(), record);
        plain.remove(StartupArchive.RECORD_PROPERTY);
        StartupArchive.forgetIfStale(plain);
        assertThat(record).exists();
    }
}

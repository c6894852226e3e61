package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.runfolder.BackupManifest;

/**
 * The guard an offline upgrade's script runs on SeaTable's configuration folder, run by bash on a real folder: it passes
 * only while the folder holds exactly the files the plan saves, with their modes.
 */
class SeatableConfTest {
    @TempDir
    Path tmp;
    Path conf;
    SeatableConf planned;

    @BeforeEach
    void folder() throws IOException {
        conf = Files.createDirectories(tmp.resolve("seatable/conf"));
        write("current_version.txt", "rw-r--r--");
        write("ccnet.conf", "rw-------");
        Files.createDirectories(conf.resolve("conf-2026.bak")); // a sub-folder is no configuration: aside
        planned = new SeatableConf(Optional.of(conf), List.of(new BackupManifest.SavedFile("ccnet.conf", "600"),
                new BackupManifest.SavedFile("current_version.txt", "644")), Optional.empty());
    }

    private void write(String name, String mode) throws IOException {
        Path f = Files.writeString(conf.resolve(name), name, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    }

    private String guard() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", planned.guard().orElseThrow()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return (p.exitValue() + " " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).strip();
    }

    @Test
    void passesOnTheFolderAsPlanned() throws Exception {
        assertThat(guard()).isEqualTo("0");
    }

    @Test
    void aFileAddedRemovedOrChangedInModeOrKindStopsIt() throws Exception {
        write("added.conf", "rw-r--r--");
        assertThat(guard()).startsWith("1 expected " + conf + " to hold the 2 file(s) the plan saves, with their modes; found other files");
        Files.delete(conf.resolve("added.conf"));
        assertThat(guard()).isEqualTo("0");

        Files.setPosixFilePermissions(conf.resolve("ccnet.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(guard()).startsWith("1 expected");
        Files.setPosixFilePermissions(conf.resolve("ccnet.conf"), PosixFilePermissions.fromString("rw-------"));

        Files.delete(conf.resolve("current_version.txt"));
        Files.createSymbolicLink(conf.resolve("current_version.txt"), conf.resolve("ccnet.conf"));
        assertThat(guard()).startsWith("1 expected");
        Files.delete(conf.resolve("current_version.txt"));
        assertThat(guard()).startsWith("1 expected");
    }

    @Test
    void theFolderMustBeAFolderNotALinkToOne() throws Exception {
        Path real = tmp.resolve("real");
        Files.move(conf, real);
        Files.createSymbolicLink(conf, real);
        assertThat(guard()).startsWith("1 expected");
        Files.delete(conf);
        assertThat(guard()).startsWith("1 expected");
    }

    @Test
    void anEmptyFolderIsGuardedAsEmpty() throws Exception {
        planned = new SeatableConf(Optional.of(conf), List.of(), Optional.empty());
        assertThat(guard()).startsWith("1 expected");
        Files.delete(conf.resolve("ccnet.conf"));
        Files.delete(conf.resolve("current_version.txt"));
        assertThat(guard()).isEqualTo("0");
    }
}

package seatablemigrate.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.ToldReporter;

/** {@code --fetch-backup} on the fake host: what lands in the local folder and what the user is told. */
class BackupFetchTest {
    private static final Path RUN = Path.of("/opt/seatable-backup/20261125-100000-to-developer");
    private static final byte[] DUMP = "-- Dump completed\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path local;
    private final ToldReporter told = new ToldReporter();

    /** A run folder on the host with the dump and a checksum list that says {@code sumsHex} for it. */
    private static FakeHost hostWith(String sumsHex) {
        return new FakeHost(Path.of("/opt/seatable-compose")).file(RUN.resolve("databases.sql"), DUMP, 0600)
                .file(RUN.resolve("SHA256SUMS"), sums(sumsHex + "  databases.sql\n"), 0600);
    }

    private static byte[] sums(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void fetch(FakeHost host, Path root) {
        new BackupFetch(host, new Interruption()).fetch(RUN, List.of("databases.sql"), root, told);
    }

    @Test
    void aVerifiedCopyHoldsTheRunsFilesOnlyForItsUserAndIsReportedWithItsSize() throws Exception {
        fetch(hostWith(Sha256.of(DUMP).hex()), local);
        Path copy = local.resolve(RUN.getFileName());
        long sumsSize = Files.size(copy.resolve("SHA256SUMS"));
        assertThat(told.infos).containsExactly("backup fetched to " + copy + ": 2 files, " + Bytes.human(DUMP.length + sumsSize)
                + ", checksums verified");
        assertThat(told.warnings).isEmpty();
        assertThat(Files.readAllBytes(copy.resolve("databases.sql"))).isEqualTo(DUMP);
        assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(copy.resolve("databases.sql"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aCopyThatDoesNotMatchItsChecksumsIsReportedAsSuch() {
        fetch(hostWith("0".repeat(64)), local);
        assertThat(told.warnings).singleElement().asString().contains("does NOT match its checksums (databases.sql)")
                .endsWith("the backup on the host stays in " + RUN);
        assertThat(told.infos).isEmpty();
    }

    @Test
    void aFailedCopySaysTheBackupStaysOnTheHost() {
        FakeHost host = new FakeHost(Path.of("/opt/seatable-compose"))
                .file(RUN.resolve("SHA256SUMS"), sums(Sha256.of(DUMP).hex() + "  databases.sql\n"), 0600);
        fetch(host, local);
        assertThat(told.warnings).singleElement().asString().startsWith("fetching the backup to " + local.resolve(RUN.getFileName()) + " failed (")
                .endsWith("); it stays on fake host in " + RUN);
        assertThat(local.resolve(RUN.getFileName()).resolve("databases.sql")).doesNotExist();
    }

    @Test
    void aRunWithoutChecksumsHasNothingToFetch() {
        fetch(new FakeHost(Path.of("/opt/seatable-compose")), local);
        assertThat(told.warnings).containsExactly("no backup was written in " + RUN + " on fake host: nothing to fetch");
        assertThat(local).isEmptyDirectory();
    }

    /** The scp CVE-2019-6111 pattern: the host names where the copy goes. Only the run's own file names are accepted. */
    @ParameterizedTest
    @ValueSource(strings = {"../../x", "/tmp/evil", "config/../../x", "../20261125-100000-to-developer/databases.sql", "other.sql",
            "config/.env", "databases.sql/../../x"})
    void aChecksumListNamingOtherFilesIsRefusedAndNothingIsWritten(String name) throws Exception {
        FakeHost host = hostWith(Sha256.of(DUMP).hex()).file(RUN.resolve("SHA256SUMS"),
                sums(Sha256.of(DUMP).hex() + "  databases.sql\n" + "0".repeat(64) + "  " + name + "\n"), 0600);
        Path root = Files.createDirectory(local.resolve("fetched"));
        fetch(host, root);
        assertThat(told.warnings).singleElement().asString().contains("refused: its checksum list on fake host names files this run did not write");
        try (var files = Files.walk(local)) {
            assertThat(files.toList()).containsExactly(local, root);
        }
    }
}

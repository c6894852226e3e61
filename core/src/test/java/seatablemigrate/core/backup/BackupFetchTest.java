package seatablemigrate.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;

class BackupFetchTest {
    private static final Path RUN = Path.of("/opt/seatable-backup/20261125-100000-to-developer");
    private static final byte[] DUMP = "-- Dump completed\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path local;

    private HostBackend hostWith(String sumsHex) {
        HostBackend host = mock(HostBackend.class);
        when(host.describe()).thenReturn("db1");
        when(host.readFile(RUN.resolve("SHA256SUMS"))).thenReturn(Optional.of((sumsHex + "  databases.sql\n").getBytes(StandardCharsets.UTF_8)));
        when(host.stat(any())).thenReturn(Optional.empty());
        when(host.stat(RUN.resolve("databases.sql"))).thenReturn(Optional.of(new FileStat(FileStat.Type.REGULAR, DUMP.length, 0600, 0)));
        when(host.stat(RUN.resolve("SHA256SUMS"))).thenReturn(Optional.of(new FileStat(FileStat.Type.REGULAR, 80, 0600, 0)));
        doAnswer(inv -> {
            Path source = inv.getArgument(0);
            Files.write(inv.getArgument(1), source.endsWith("databases.sql") ? DUMP : (sumsHex + "  databases.sql\n").getBytes(StandardCharsets.UTF_8));
            return null;
        }).when(host).download(any(), any(), any(), any());
        return host;
    }

    @Test
    void aCopyThatDoesNotMatchItsChecksumsIsReportedAsSuch() {
        Reporter reporter = mock(Reporter.class);
        new BackupFetch(hostWith("0".repeat(64)), new Interruption()).fetch(RUN, List.of("databases.sql"), local, reporter);
        verify(reporter).warn(org.mockito.ArgumentMatchers.contains("does NOT match its checksums (databases.sql)"));
    }

    @Test
    void aVerifiedCopyIsReportedWithItsSize() {
        Reporter reporter = mock(Reporter.class);
        new BackupFetch(hostWith(Sha256.of(DUMP).hex()), new Interruption()).fetch(RUN, List.of("databases.sql"), local, reporter);
        verify(reporter).info("backup fetched to " + local.resolve(RUN.getFileName()) + ": 2 files, " + Bytes.human(DUMP.length + 80)
                + ", checksums verified");
    }

    @Test
    void aFailedCopySaysTheBackupStaysOnTheHost() {
        HostBackend host = hostWith(Sha256.of(DUMP).hex());
        doThrow(new MigrateException("cannot fetch: connection lost")).when(host).download(eq(RUN.resolve("databases.sql")), any(), any(), any());
        Reporter reporter = mock(Reporter.class);
        new BackupFetch(host, new Interruption()).fetch(RUN, List.of("databases.sql"), local, reporter);
        verify(reporter).warn("fetching the backup to " + local.resolve(RUN.getFileName()) + " failed (cannot fetch: connection lost); it stays on db1 in " + RUN);
        assertThat(local.resolve(RUN.getFileName()).resolve("databases.sql")).doesNotExist();
    }

    /** The scp CVE-2019-6111 pattern: the host names where the copy goes. Only the run's own file names are accepted. */
    @ParameterizedTest
    @ValueSource(strings = {"../../x", "/tmp/evil", "config/../../x", "../20261125-100000-to-developer/databases.sql", "other.sql",
            "config/.env", "databases.sql/../../x"})
    void aChecksumListNamingOtherFilesIsRefusedAndNothingIsWritten(String name) throws Exception {
        HostBackend host = mock(HostBackend.class);
        when(host.describe()).thenReturn("db1");
        when(host.stat(any())).thenReturn(Optional.of(new FileStat(FileStat.Type.REGULAR, 10, 0600, 0)));
        when(host.readFile(RUN.resolve("SHA256SUMS"))).thenReturn(Optional.of((Sha256.of(DUMP).hex() + "  databases.sql\n"
                + "0".repeat(64) + "  " + name + "\n").getBytes(StandardCharsets.UTF_8)));
        Path root = local.resolve("fetched");
        Files.createDirectory(root);
        Reporter reporter = mock(Reporter.class);
        new BackupFetch(host, new Interruption()).fetch(RUN, List.of("databases.sql"), root, reporter);
        verify(reporter).warn(org.mockito.ArgumentMatchers.contains("refused: its checksum list on db1 names files this run did not write"));
        verify(host, org.mockito.Mockito.never()).download(any(), any(), any(), any());
        try (var files = Files.walk(local)) {
            assertThat(files.toList()).containsExactly(local, root);
        }
    }
}

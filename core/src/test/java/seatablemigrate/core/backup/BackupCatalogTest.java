package seatablemigrate.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.testing.FakeHost;

/** The backup folder is untrusted: only a checksum list that covers exactly the manifest's files, and matches, verifies. */
class BackupCatalogTest {
    private static final Path ROOT = Path.of("/opt/seatable-backup");
    private static final Path RUN = ROOT.resolve("20261130-100000-to-developer");
    private static final String ENV = "SEATABLE_IMAGE='seatable/seatable-enterprise:5.3.4'\n";
    private static final String DUMP = "-- Dump completed\n";

    private static String sum(String content) {
        return Sha256.of(content.getBytes(StandardCharsets.UTF_8)).hex();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "complete|OK|verified",
            "empty|EMPTY|NOT VERIFIED: no checksum for databases.sql, no checksum for config/.env",
            "a foreign name|FOREIGN|NOT VERIFIED: foreign name ../../etc/passwd",
            "a file left out|PARTIAL|NOT VERIFIED: no checksum for config/.env",
            "a changed file|CHANGED|NOT VERIFIED: changed databases.sql",
            "garbage|GARBAGE|NOT VERIFIED: unreadable checksum line, no checksum for databases.sql, no checksum for config/.env"})
    void verifiesOnlyACompleteMatchingList(String name, String sums, String expected) {
        String list = switch (sums) {
            case "OK" -> sum(DUMP) + "  databases.sql\n" + sum(ENV) + "  config/.env\n";
            case "EMPTY" -> "";
            case "FOREIGN" -> sum(DUMP) + "  databases.sql\n" + sum(ENV) + "  config/.env\n" + sum("x") + "  ../../etc/passwd\n";
            case "PARTIAL" -> sum(DUMP) + "  databases.sql\n";
            case "CHANGED" -> sum("other") + "  databases.sql\n" + sum(ENV) + "  config/.env\n";
            default -> "not a checksum line at all, but long enough to be taken for one by a careless reader\n";
        };
        FakeHost host = new FakeHost(Path.of("/opt/seatable-compose"))
                .file(RUN.resolve("manifest.json"), """
                        {"composeDir": "/opt/seatable-compose", "created": "2026-11-30T10:00:00Z",
                         "from": {"edition": "enterprise", "version": "5.3.4", "image": "seatable/seatable-enterprise:5.3.4"},
                         "to": {"edition": "developer", "version": "5.3.0", "image": "seatable/seatable-developer:5.3.0"},
                         "databaseDump": true, "envMode": "600", "licenseExisted": true, "files": ["databases.sql", "config/.env"]}
                        """)
                .file(RUN.resolve("databases.sql"), DUMP).file(RUN.resolve("config/.env"), ENV)
                .file(RUN.resolve("SHA256SUMS"), list);

        var backup = new BackupCatalog(host).list(ROOT);

        assertThat(backup).singleElement().satisfies(b -> assertThat(b.verification()).isEqualTo(expected));
    }
}

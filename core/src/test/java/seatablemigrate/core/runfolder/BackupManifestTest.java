package seatablemigrate.core.runfolder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;

/** The manifest's file form: written as the readers of older runs expect, read back equal, anything malformed refused. */
class BackupManifestTest {
    private static final BackupManifest M = new BackupManifest("seatable-migrate", "2026-11-30T05:00:00Z", "local host", "/opt/seatable-compose",
            new BackupManifest.Side(Edition.ENTERPRISE, SeaTableVersion.parse("5.3.4").orElseThrow(), "seatable/seatable-enterprise:5.3.4"),
            new BackupManifest.Side(Edition.DEVELOPER, SeaTableVersion.parse("5.3.0").orElseThrow(), "seatable/seatable-developer:5.3.0"),
            true, List.of("ccnet_db", "dtable_db"), "640", true, List.of("databases.sql", "config/.env"), "SHA256SUMS");

    @Test
    void theFileHasTheFieldsInTheOrderEarlierVersionsWroteAndReadsBackEqual() {
        String text = new String(M.toJson(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\n  \"tool\" : \"seatable-migrate\",\n  \"created\" : \"2026-11-30T05:00:00Z\",\n  \"host\" : \"local host\",\n"
                + "  \"composeDir\" : \"/opt/seatable-compose\",\n  \"from\" : {\n    \"edition\" : \"enterprise\",\n    \"version\" : \"5.3.4\",\n")
                .contains("\"envMode\" : \"640\",\n  \"licenseExisted\" : true,").endsWith("\"checksums\" : \"SHA256SUMS\"\n}\n");
        assertThat(BackupManifest.parse(M.toJson())).contains(M);
        assertThat(M.envModeBits()).contains(0640);
        assertThat(M.from().parsedVersion()).hasToString("5.3.4");
    }

    @Test
    void theLicensesModeIsWrittenOnlyWhenKnownAndAManifestWithoutItReadsAs644() {
        assertThat(new String(M.toJson(), StandardCharsets.UTF_8)).doesNotContain("licenseMode");
        assertThat(M.licenseMode()).isNull();
        assertThat(M.licenseModeBits()).contains(0644);

        BackupManifest withMode = new BackupManifest(M.tool(), M.created(), M.host(), M.composeDir(), M.from(), M.to(), M.databaseDump(),
                M.databases(), M.envMode(), M.licenseExisted(), "640", M.files(), M.checksums(), null, List.of(), null);
        assertThat(new String(withMode.toJson(), StandardCharsets.UTF_8))
                .contains("\"envMode\" : \"640\",\n  \"licenseExisted\" : true,\n  \"licenseMode\" : \"640\",\n  \"files\" : [");
        assertThat(BackupManifest.parse(withMode.toJson())).contains(withMode)
                .hasValueSatisfying(m -> assertThat(m.licenseModeBits()).contains(0640));
        assertThat(BackupManifest.parse(M.toJson())).hasValueSatisfying(m -> assertThat(m.licenseModeBits()).contains(0644));
    }

    @Test
    void anythingMalformedOrIncompleteIsNoManifest() {
        for (String bad : List.of("", "{", "[]", "null", "{\"from\":{}}",
                "{\"composeDir\":\"/x\",\"from\":{\"edition\":\"enterprise\",\"version\":\"5.3.4\",\"image\":\"i\"},"
                        + "\"to\":{\"edition\":\"community\",\"version\":\"5.3.0\",\"image\":\"i\"}}",
                "{\"composeDir\":\"/x\",\"envMode\":\"999\",\"from\":{\"edition\":\"enterprise\",\"version\":\"5.3.4\",\"image\":\"i\"},"
                        + "\"to\":{\"edition\":\"developer\",\"version\":\"5.3.0\",\"image\":\"i\"}}",
                "{\"composeDir\":\"/x\",\"licenseMode\":\"999\",\"from\":{\"edition\":\"enterprise\",\"version\":\"5.3.4\",\"image\":\"i\"},"
                        + "\"to\":{\"edition\":\"developer\",\"version\":\"5.3.0\",\"image\":\"i\"}}",
                "{\"composeDir\":\"/x\",\"licenseMode\":\"rw-r--r--\",\"from\":{\"edition\":\"enterprise\",\"version\":\"5.3.4\",\"image\":\"i\"},"
                        + "\"to\":{\"edition\":\"developer\",\"version\":\"5.3.0\",\"image\":\"i\"}}",
                "{\"composeDir\":\"/x\",\"licenseMode\":\"\",\"from\":{\"edition\":\"enterprise\",\"version\":\"5.3.4\",\"image\":\"i\"},"
                        + "\"to\":{\"edition\":\"developer\",\"version\":\"5.3.0\",\"image\":\"i\"}}",
                "{\"composeDir\":\"/x\",\"files\":{\"a\":1},\"from\":{\"edition\":\"enterprise\",\"version\":\"5.3.4\",\"image\":\"i\"},"
                        + "\"to\":{\"edition\":\"developer\",\"version\":\"5.3.0\",\"image\":\"i\"}}")) {
            assertThat(BackupManifest.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEmpty();
        }
        assertThat(BackupManifest.parse(("{\"composeDir\":\"/x\",\"extra\":1,\"from\":{\"edition\":\"enterprise\",\"version\":\"5.3.4\",\"image\":\"i\"},"
                + "\"to\":{\"edition\":\"developer\",\"version\":\"5.3.0\",\"image\":\"i\"}}").getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(m -> assertThat(m.envModeBits()).contains(0600));
    }

    /**
     * The names of SeaTable's saved configuration files come from a folder on the host and name files the way back writes:
     * over generated names, a manifest holds one only when it is a plain file name, else it is no manifest at all.
     */
    @Test
    void aSavedConfigurationFileCountsOnlyByAPlainName() {
        Random random = new Random(42);
        String alphabet = "aZ09._-/\\ \n\t\u0000'\"$;*?\u00e4\u202e";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(8) == 0 ? 250 + random.nextInt(10) : random.nextInt(6);
            for (int k = 0; k < length; k++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = name.toString();
            boolean plain = text.matches("[A-Za-z0-9._-]{1,255}") && !text.equals(".") && !text.equals("..");
            assertThat(BackupManifest.SavedFile.plainName(text)).as(text).isEqualTo(plain);
            BackupManifest m = new BackupManifest(M.tool(), M.created(), M.host(), M.composeDir(), M.from(), M.to(), M.databaseDump(),
                    M.databases(), M.envMode(), M.licenseExisted(), null, M.files(), M.checksums(), "upgrade",
                    List.of(new BackupManifest.SavedFile(text, "644")), null);
            assertThat(BackupManifest.parse(m.toJson()).isPresent()).as(text).isEqualTo(plain);
            BackupManifest replaced = new BackupManifest(M.tool(), M.created(), M.host(), M.composeDir(), M.from(), M.to(), M.databaseDump(),
                    M.databases(), M.envMode(), M.licenseExisted(), null, M.files(), M.checksums(), "upgrade", List.of(),
                    new BackupManifest.ReleaseUpdate(List.of(text), List.of("seatable-helper")));
            assertThat(BackupManifest.parse(replaced.toJson()).isPresent()).as("replaced " + text).isEqualTo(plain);
        }
        BackupManifest badMode = new BackupManifest(M.tool(), M.created(), M.host(), M.composeDir(), M.from(), M.to(), M.databaseDump(),
                M.databases(), M.envMode(), M.licenseExisted(), null, M.files(), M.checksums(), "upgrade",
                List.of(new BackupManifest.SavedFile("current_version.txt", "9999")), null);
        assertThat(BackupManifest.parse(badMode.toJson())).isEmpty();
        BackupManifest badIntent = new BackupManifest(M.tool(), M.created(), M.host(), M.composeDir(), M.from(), M.to(), M.databaseDump(),
                M.databases(), M.envMode(), M.licenseExisted(), null, M.files(), M.checksums(), "downgrade", List.of(), null);
        assertThat(BackupManifest.parse(badIntent.toJson())).isEmpty();
    }
}

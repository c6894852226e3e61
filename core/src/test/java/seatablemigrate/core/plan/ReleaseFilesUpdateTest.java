package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.testing.FakeHost;

/** The official files of an upgrade from 5.3.4 to 6.0.3, decided from an export of the release files and the project's own. */
class ReleaseFilesUpdateTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final SeaTableVersion FROM = SeaTableVersion.parse("5.3.4").orElseThrow();
    private static final SeaTableVersion TO = SeaTableVersion.parse("6.0.3").orElseThrow();
    private static final String SERVER_534 = "services:\n  seatable-server:\n    image: ${SEATABLE_IMAGE:-seatable/seatable-enterprise:5.3.4}\n"
            + "    container_name: seatable-server\n    restart: unless-stopped\n    environment:\n      - DB_HOST=mariadb\n"
            + "      - DB_PASSWORD=${MARIADB_PASSWORD:?Variable is not set or empty}\n      - TIME_ZONE=${TIME_ZONE}\n      - LANG=en\n"
            + "    labels:\n      a: b\n    healthcheck:\n      test: x\n      interval: 20s\n  mariadb:\n    image: mariadb:11\n";
    private static final String SERVER_603 = SERVER_534.replace("5.3.4", "6.0.3").replace("interval: 20s", "interval: 10s")
            .replace("      - TIME_ZONE=${TIME_ZONE}\n", "      - TIME_ZONE=${TIME_ZONE}\n      - SECRET_KEY=${SECRET_KEY:?needed}\n"
                    + "      - ENABLE_X=${ENABLE_X:?needed}\n")
            + "  seatable-helper:\n    image: helper:1\n";
    private static final String CADDY = "services:\n  caddy:\n    image: caddy:2\n";

    @TempDir
    Path releases;

    private ReleaseFiles export(boolean withBase) throws Exception {
        if (withBase) {
            write("v5.3.4/compose/seatable-server.yml", SERVER_534);
            write("v5.3.4/compose/caddy.yml", CADDY);
        }
        write("6.0.3/seatable-server.yml", SERVER_603);
        write("6.0.3/caddy.yml", CADDY);
        write("6.0.3/.env-release", "COMPOSE_FILE='caddy.yml,seatable-server.yml'\nSECRET_KEY=\nENABLE_X=true\nMARIADB_PASSWORD=\n");
        return ReleaseFiles.read(releases);
    }

    private void write(String name, String text) throws IOException {
        Path f = releases.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    /** Enterprise 5.3.4 whose project has {@code files} (name to text) in COMPOSE_FILE, with .env {@code env}. */
    private static Installation project(FakeHost host, String env, Map<String, String> files) {
        Installation i = PlannerTest.enterprise("5.3.4");
        List<Path> paths = files.keySet().stream().sorted().map(DIR::resolve).toList();
        files.forEach((name, text) -> host.file(DIR.resolve(name), text));
        return new Installation(i.composeDir(), i.engine(), i.composeCli(), Optional.of(EnvFile.parse(env.getBytes(StandardCharsets.UTF_8))),
                i.envMode(), paths, Map.of(), i.seatableService(), i.configuredImage(), i.imageFollowsEnv(), i.containers(), i.seatable(),
                i.serverInfo(), i.recordedVersion(), i.license(), i.strayLicenseDirs(), i.licenseMounted(), i.database(), i.state(), i.problems());
    }

    private static final String ENV = "MARIADB_PASSWORD='Db-Secret-42'\nTIME_ZONE='Europe/Berlin'\n";

    @Test
    void anUnchangedFileIsReplacedTheAdminsOwnFilesAreLeftAndEnvGainsOnlyWhatIsRequired() throws Exception {
        FakeHost host = new FakeHost(DIR);
        Installation inst = project(host, ENV, Map.of("seatable-server.yml", SERVER_534, "caddy.yml", CADDY, "custom-override.yml", "services: {}\n"));
        ReleaseFilesUpdate u = ReleaseFilesUpdate.decide(host, inst, export(true), FROM, TO);

        assertThat(u.refusal()).isEmpty();
        assertThat(u.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(DIR.resolve("seatable-server.yml"));
            assertThat(f.how()).isEqualTo(ReleaseFilesUpdate.How.REPLACED);
            assertThat(f.content()).isEqualTo(SERVER_603);
        });
        assertThat(u.env()).containsExactly(new ReleaseFilesUpdate.EnvAddition("SECRET_KEY", Optional.empty()),
                new ReleaseFilesUpdate.EnvAddition("ENABLE_X", Optional.of("true")));
        assertThat(u.services()).containsExactly("seatable-helper");
        assertThat(u.describe()).contains("seatable-server.yml replaced by 6.0.3's").contains(".env gains SECRET_KEY (a secret generated on the host")
                .contains(".env gains ENABLE_X (the release's default)").contains("new services seatable-helper").doesNotContain("custom");
    }

    @Test
    void anAdminsChangeIsMergedAndOneWhereTheReleaseChangesTooIsRefusedWithItsLinesButNoSecret() throws Exception {
        FakeHost host = new FakeHost(DIR);
        String mine = SERVER_534.replace("      - DB_HOST=mariadb\n", "      - DB_HOST=mariadb\n      - SEATABLE_LOG_LEVEL=debug\n");
        ReleaseFilesUpdate merged = ReleaseFilesUpdate.decide(host, project(host, ENV + "SECRET_KEY=s\nENABLE_X=1\n",
                Map.of("seatable-server.yml", mine)), export(true), FROM, TO);
        assertThat(merged.refusal()).isEmpty();
        assertThat(merged.files()).singleElement().satisfies(f -> {
            assertThat(f.how()).isEqualTo(ReleaseFilesUpdate.How.MERGED);
            assertThat(f.content()).contains("SEATABLE_LOG_LEVEL=debug").contains("interval: 10s").contains("6.0.3").contains("seatable-helper");
        });
        assertThat(merged.env()).as("set already").isEmpty();
        String reference = SERVER_534.replace("      - DB_HOST=mariadb\n", "      - DB_HOST=mariadb\n      - SMTP=${SMTP_PASSWORD:-none}\n");
        assertThat(ReleaseFilesUpdate.decide(host, project(host, ENV + "SECRET_KEY=s\nENABLE_X=1\n", Map.of("seatable-server.yml", reference)),
                export(true), FROM, TO).refusal()).as("a secret's name inside a reference is no literal secret").isEmpty();

        String conflicting = SERVER_534.replace("interval: 20s", "interval: 5s # PASSWORD=Db-Secret-42");
        ReleaseFilesUpdate refused = ReleaseFilesUpdate.decide(host, project(host, ENV, Map.of("seatable-server.yml", conflicting)), export(true),
                FROM, TO);
        assertThat(refused.refusal()).hasValueSatisfying(r -> assertThat(r).contains("seatable-server.yml was changed by hand where 6.0.3 changes it")
                .contains("release before:       interval: 20s").contains("new release:          interval: 10s").contains("yours:")
                .doesNotContain("Db-Secret-42"));
        assertThat(refused.files()).isEmpty();
        // A value of .env in a conflicting line is shown as the mask too, whatever its line looks like.
        String withEnvValue = SERVER_534.replace("interval: 20s", "interval: 5s # db Db-Secret-42");
        assertThat(ReleaseFilesUpdate.decide(host, project(host, ENV, Map.of("seatable-server.yml", withEnvValue)), export(true), FROM, TO)
                .refusal()).hasValueSatisfying(r -> assertThat(r).contains("interval: 5s # db ********").doesNotContain("Db-Secret-42"));
    }

    @Test
    void aLiteralSecretInALineTheAdminAddedRefusesTheMergeWithoutShowingIt() throws Exception {
        FakeHost host = new FakeHost(DIR);
        String mine = SERVER_534.replace("      - DB_HOST=mariadb\n", "      - DB_HOST=mariadb\n      - SMTP_PASSWORD=hunter2\n");
        ReleaseFilesUpdate u = ReleaseFilesUpdate.decide(host, project(host, ENV, Map.of("seatable-server.yml", mine)), export(true), FROM, TO);
        assertThat(u.refusal()).hasValueSatisfying(r -> assertThat(r).contains("holds a literal secret in a line you added (line 8)")
                .doesNotContain("hunter2"));
        String envValue = SERVER_534.replace("      - DB_HOST=mariadb\n", "      - DB_HOST=mariadb\n      - DB=Db-Secret-42\n");
        assertThat(ReleaseFilesUpdate.decide(host, project(host, ENV, Map.of("seatable-server.yml", envValue)), export(true), FROM, TO).refusal())
                .as("a value of .env").hasValueSatisfying(r -> assertThat(r).contains("literal secret").doesNotContain("Db-Secret-42"));
    }

    /** The way back removes containers without a service in the files: one that runs already (a leftover) refuses the update. */
    @Test
    void aLeftoverContainerIsNotRemovedByAWayBackThatRemovesTheNewServices() throws Exception {
        FakeHost host = new FakeHost(DIR);
        Installation i = project(host, ENV, Map.of("seatable-server.yml", SERVER_534, "caddy.yml", CADDY));
        ContainerState memcached = new ContainerState("memcached", "memcached:1", "sha256:3", "running", ContainerState.Health.NONE,
                Map.of(ContainerState.LABEL_SERVICE, "memcached"), Map.of(), "c3", Optional.empty());
        Installation leftover = new Installation(i.composeDir(), i.engine(), i.composeCli(), i.env(), i.envMode(), i.composeFiles(),
                i.composeFileSums(), i.seatableService(), i.configuredImage(), i.imageFollowsEnv(),
                java.util.stream.Stream.concat(i.containers().stream(), java.util.stream.Stream.of(memcached)).toList(), i.seatable(), i.serverInfo(),
                i.recordedVersion(), i.license(), i.strayLicenseDirs(), i.licenseMounted(), i.database(), i.state(), i.problems());
        assertThat(ReleaseFilesUpdate.decide(host, i, export(true), FROM, TO).refusal()).isEmpty();

        ReleaseFilesUpdate u = ReleaseFilesUpdate.decide(host, leftover, export(true), FROM, TO);

        assertThat(u.refusal()).hasValueSatisfying(r -> assertThat(r).contains("6.0.3's files add seatable-helper")
                .contains("memcached already run without a service in them").contains("--remove-orphans"));
    }

    @Test
    void withoutTheRunningReleasesFilesAChangedFileCannotBeToldApart() throws Exception {
        FakeHost host = new FakeHost(DIR);
        ReleaseFilesUpdate u = ReleaseFilesUpdate.decide(host, project(host, ENV, Map.of("seatable-server.yml", SERVER_534)), export(false),
                FROM, TO);
        assertThat(u.refusal()).hasValueSatisfying(r -> assertThat(r).contains("hold no seatable-server.yml of the running release 5.3.4").contains("add its export (v5.3.4) to " + releases));
        ReleaseFilesUpdate same = ReleaseFilesUpdate.decide(host, project(host, ENV + "SECRET_KEY=s\nENABLE_X=1\n",
                Map.of("seatable-server.yml", SERVER_603)), export(false), FROM, TO);
        assertThat(same.refusal()).as("a file that is the new release's already needs no base").isEmpty();
        assertThat(same.changes()).isFalse();
    }

    @Test
    void aRequiredVariableWithoutAValueOrASecretsNameIsRefused() throws Exception {
        write("6.0.3/seatable-server.yml", SERVER_603.replace("${TIME_ZONE}", "${TIME_ZONE:?set it}"));
        write("6.0.3/caddy.yml", CADDY);
        write("5.3.4/seatable-server.yml", SERVER_534);
        FakeHost host = new FakeHost(DIR);
        ReleaseFilesUpdate u = ReleaseFilesUpdate.decide(host, project(host, "MARIADB_PASSWORD=x\n", Map.of("seatable-server.yml", SERVER_534)),
                ReleaseFiles.read(releases), FROM, TO);
        assertThat(u.refusal()).hasValueSatisfying(r -> assertThat(r).contains("require TIME_ZONE, ENABLE_X").contains("set them in .env"));
    }

    /**
     * A release that renames a variable: the new name is required and absent, the old one set and used no more. A default
     * or a fresh secret would not be the password the database has: refused, naming both, until .env sets the new name.
     */
    @Test
    void aRenamedVariableIsRefusedUntilEnvSetsTheNewName() throws Exception {
        String renamed = SERVER_534.replace("5.3.4", "6.0.3").replace("${MARIADB_PASSWORD:?Variable is not set or empty}",
                "${SEATABLE_MYSQL_ROOT_PASSWORD:?Variable is not set or empty}");
        write("v5.3.4/seatable-server.yml", SERVER_534);
        write("6.0.3/seatable-server.yml", renamed);
        write("6.0.3/.env-release", "SEATABLE_MYSQL_ROOT_PASSWORD=\n");
        FakeHost host = new FakeHost(DIR);
        ReleaseFilesUpdate u = ReleaseFilesUpdate.decide(host, project(host, ENV, Map.of("seatable-server.yml", SERVER_534)),
                ReleaseFiles.read(releases), FROM, TO);
        assertThat(u.refusal()).hasValueSatisfying(r -> assertThat(r).contains("require SEATABLE_MYSQL_ROOT_PASSWORD, which .env lacks,"
                + " and no longer use MARIADB_PASSWORD, which .env sets: if a variable was renamed").doesNotContain("Db-Secret-42"));

        ReleaseFilesUpdate set = ReleaseFilesUpdate.decide(host, project(host, ENV + "SEATABLE_MYSQL_ROOT_PASSWORD='Db-Secret-42'\n",
                Map.of("seatable-server.yml", SERVER_534)), ReleaseFiles.read(releases), FROM, TO);
        assertThat(set.refusal()).isEmpty();
        assertThat(set.env()).isEmpty();
        assertThat(set.files()).singleElement().satisfies(f -> assertThat(f.content()).isEqualTo(renamed));
    }

    @Test
    void theFolderIsCheckedWhereItEnters() throws Exception {
        assertThatThrownBy(() -> ReleaseFiles.read(releases)).isInstanceOf(ReleaseFiles.FormatException.class).hasMessageContaining("holds no export");
        write("v6.0.3/seatable-server.yml", SERVER_603);
        Files.createSymbolicLink(releases.resolve("v6.0.3/caddy.yml"), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> ReleaseFiles.read(releases)).hasMessageContaining("holds 'caddy.yml', which is not a plain regular file");
        Files.delete(releases.resolve("v6.0.3/caddy.yml"));
        Files.write(releases.resolve("v6.0.3/caddy.yml"), new byte[] {(byte) 0xff, 'a'});
        assertThatThrownBy(() -> ReleaseFiles.read(releases)).hasMessageContaining("is not UTF-8 text");
        Files.delete(releases.resolve("v6.0.3/caddy.yml"));
        write("6.0.3/seatable-server.yml", SERVER_603);
        assertThatThrownBy(() -> ReleaseFiles.read(releases)).hasMessageContaining("two exports of release 6.0.3");
        Files.delete(releases.resolve("6.0.3/seatable-server.yml"));
        Files.delete(releases.resolve("6.0.3"));
        write("v6.0.3/README.md", "not read");
        write("v6.0.10/seatable-server.yml", SERVER_603);
        ReleaseFiles read = ReleaseFiles.read(releases);
        assertThat(read.versions()).extracting(Object::toString).containsExactly("6.0.3", "6.0.10");
        assertThat(read.forVersion(SeaTableVersion.parse("6.0.5").orElseThrow()).map(r -> r.version().toString())).contains("6.0.10");
        assertThat(read.forVersion(TO).orElseThrow().files()).containsOnlyKeys("seatable-server.yml");
    }
}

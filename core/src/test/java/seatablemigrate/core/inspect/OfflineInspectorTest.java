package seatablemigrate.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/** Offline inspection of release layouts: the database service is found by what it runs, not by its name. */
class OfflineInspectorTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");

    @Test
    void findsThe42DatabaseServiceSeatableDbByItsImage() {
        FakeHost host = new FakeHost(DIR)
                .file(DIR.resolve(".env"), "\uFEFFCOMPOSE_FILE='caddy.yml,seatable-server.yml'\r\nCOMPOSE_PATH_SEPARATOR=','\r\n")
                .file(DIR.resolve("caddy.yml"), "services:\n  caddy:\n    image: lucaslorentz/caddy-docker-proxy:2.9\n")
                .file(DIR.resolve("seatable-server.yml"), """
                        services:
                          seatable:
                            image: ${SEATABLE_IMAGE:-seatable/seatable-enterprise:4.2.3}
                            container_name: seatable
                          seatable-db:
                            image: mariadb:10.11
                            container_name: seatable-mysql
                          memcached:
                            image: memcached:1.6.18
                        """);

        Installation i = new OfflineInspector(host).inspect(DIR, ComposePreference.AUTO);

        assertThat(i.problems()).isEmpty();
        assertThat(i.seatableService()).contains("seatable");
        assertThat(i.configuredImage().map(Object::toString)).contains("seatable/seatable-enterprise:4.2.3");
        assertThat(i.database()).hasValueSatisfying(d -> assertThat(d.container().name()).isEqualTo("seatable-mysql"));
    }

    private static MigrationPlan planToEnterprise(FakeHost host) {
        var req = MigrationRequest.builder(DIR, seatablemigrate.core.model.Edition.ENTERPRISE).version(java.util.Optional.of("5.3.4"))
                .licenseFile(java.util.Optional.of(Path.of("/root/seatable-license.txt"))).backupRoot(Path.of("/opt/seatable-backup"))
                .healthTimeout(java.time.Duration.ofMinutes(5)).offline(true).build();
        Installation i = new OfflineInspector(host).inspect(DIR, ComposePreference.AUTO);
        return new Planner(host, java.time.Clock.systemUTC()).plan(i, req);
    }

    private static CheckResult check(MigrationPlan p, String name) {
        return p.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aDeveloperOnlyComposeFileWithoutTheLicenseMountIsRefusedForTheEnterpriseEditionWithTheFix() {
        FakeHost host = new FakeHost(DIR).file(Path.of("/root/seatable-license.txt"), seatablemigrate.core.testing.Installations.LICENSE)
                .file(DIR.resolve(".env"), "COMPOSE_FILE='seatable-dev-server.yml'\nSEATABLE_IMAGE='seatable/seatable-developer:5.3.0'\n")
                .file(DIR.resolve("seatable-license.txt"), "")
                .file(DIR.resolve("seatable-dev-server.yml"), """
                        services:
                          seatable-server:
                            image: ${SEATABLE_IMAGE:-seatable/seatable-developer:5.3.0}
                            volumes:
                              - /opt/seatable-server:/shared
                          mariadb:
                            image: mariadb:11.8
                        """);
        MigrationPlan p = planToEnterprise(host);
        assertThat(check(p, "license-mount").failed()).isTrue();
        assertThat(check(p, "license-mount").message()).contains("does not bind-mount the license")
                .contains("- ./seatable-license.txt:/shared/seatable/seatable-license.txt:ro");

        host.file(DIR.resolve("seatable-dev-server.yml"), """
                services:
                  seatable-server:
                    image: ${SEATABLE_IMAGE:-seatable/seatable-developer:5.3.0}
                    volumes:
                      - type: bind
                        source: ./seatable-license.txt
                        target: /shared/seatable/seatable-license.txt
                        read_only: ${SEATABLE_LICENSE_FORCE_READ_ONLY:-false}
                        bind:
                          create_host_path: false
                  mariadb:
                    image: mariadb:11.8
                """);
        assertThat(check(planToEnterprise(host), "license-mount").failed()).isFalse();
    }

    @Test
    void anImageBuiltFromOtherVariablesIsResolvedAndTheRefusalSaysWhatToWrite() {
        FakeHost host = new FakeHost(DIR).file(Path.of("/root/seatable-license.txt"), seatablemigrate.core.testing.Installations.LICENSE)
                .file(DIR.resolve(".env"), "REGISTRY=registry.local:5000\nCOMPOSE_FILE='seatable-server.yml'\n"
                        + "SEATABLE_IMAGE=${REGISTRY}/seatable/seatable-developer:5.3.0\n")
                .file(DIR.resolve("seatable-server.yml"), "services:\n  seatable-server:\n    image: ${SEATABLE_IMAGE:-seatable/seatable-enterprise:6.1.8}\n");
        Installation i = new OfflineInspector(host).inspect(DIR, ComposePreference.AUTO);
        assertThat(i.configuredImage().map(Object::toString)).contains("registry.local:5000/seatable/seatable-developer:5.3.0");
        assertThat(check(planToEnterprise(host), "image-setting").message())
                .isEqualTo("SEATABLE_IMAGE in .env is built from other variables (${REGISTRY}/seatable/seatable-developer:5.3.0), which Compose"
                        + " resolves to registry.local:5000/seatable/seatable-developer:5.3.0; the switch writes an explicit image there, so"
                        + " write it out first: SEATABLE_IMAGE='registry.local:5000/seatable/seatable-developer:5.3.0'");
    }

    @Test
    void aDatabaseServiceWithoutContainerNameIsNamedAsComposeNamesIt() {
        String yml = "services:\n  seatable-server:\n    image: ${SEATABLE_IMAGE:-seatable/seatable-enterprise:6.1.8}\n  db:\n    image: mariadb:11.8\n";
        FakeHost host = new FakeHost(DIR).file(DIR.resolve(".env"), "COMPOSE_FILE='seatable-server.yml'\n").file(DIR.resolve("seatable-server.yml"), yml);
        assertThat(new OfflineInspector(host).inspect(DIR, ComposePreference.AUTO).database())
                .hasValueSatisfying(d -> assertThat(d.container().name()).isEqualTo("seatable-compose-db-1"));
        assertThat(new OfflineInspector(host).inspect(DIR, ComposePreference.STANDALONE).database())
                .hasValueSatisfying(d -> assertThat(d.container().name()).isEqualTo("seatable-compose_db_1"));
        host.file(DIR.resolve(".env"), "COMPOSE_FILE='seatable-server.yml'\nCOMPOSE_PROJECT_NAME=SeaTable.Prod\n");
        assertThat(new OfflineInspector(host).inspect(DIR, ComposePreference.AUTO).database())
                .hasValueSatisfying(d -> assertThat(d.container().name()).isEqualTo("seatableprod-db-1"));
        host.file(DIR.resolve(".env"), "COMPOSE_FILE='seatable-server.yml'\n").file(DIR.resolve("seatable-server.yml"), "name: customer42\n" + yml);
        assertThat(new OfflineInspector(host).inspect(DIR, ComposePreference.AUTO).database())
                .hasValueSatisfying(d -> assertThat(d.container().name()).isEqualTo("customer42-db-1"));
    }

    /**
     * One rule for where the license is, online and offline: the source of the SeaTable service's license mount (SeaTable
     * 4.1 mounted /opt/seatable-compose/seatable-license.txt), relative to the compose directory unless absolute.
     */
    @Test
    void theLicenseIsWhereItsMountTakesItFromOnlineAndOffline() throws Exception {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        String offlineFile = """
                services:
                  seatable:
                    image: ${SEATABLE_IMAGE:-seatable/seatable-enterprise:4.1.9}
                    volumes:
                      - /opt/seatable-compose/licenses/seatable-license.txt:/shared/seatable/seatable-license.txt
                """;
        String onlineConfig = "{\"services\": {\"seatable\": {\"image\": \"seatable/seatable-enterprise:4.1.9\", \"volumes\": [{\"type\": \"bind\","
                + " \"source\": \"/opt/seatable-compose/licenses/seatable-license.txt\", \"target\": \"/shared/seatable/seatable-license.txt\"}]}}}";
        Path expected = DIR.resolve("licenses/seatable-license.txt");
        assertThat(ComposeServices.read(yaml.readTree(offlineFile)).licensePath(java.util.Optional.of("seatable"), DIR, java.util.Optional::of))
                .contains(expected);
        assertThat(ComposeServices.read(yaml.readTree(onlineConfig)).licensePath(java.util.Optional.of("seatable"), DIR, java.util.Optional::of))
                .contains(expected);
        assertThat(ComposeServices.read(yaml.readTree(offlineFile.replace("/opt/seatable-compose/licenses", "./licenses")))
                .licensePath(java.util.Optional.of("seatable"), DIR, java.util.Optional::of)).contains(expected);

        FakeHost host = new FakeHost(DIR).file(DIR.resolve(".env"), "COMPOSE_FILE='seatable-server.yml'\n")
                .file(DIR.resolve("seatable-server.yml"), offlineFile).file(expected, Installations.LICENSE);
        Installation i = new OfflineInspector(host).inspect(DIR, ComposePreference.AUTO);
        assertThat(i.problems()).isEmpty();
        assertThat(i.licensePath()).isEqualTo(expected);
        assertThat(i.license().kind()).isEqualTo(seatablemigrate.core.model.LicenseState.Kind.FILE);

        // Outside the compose directory, a copy cannot hold it: said, never read from the machine the tool runs on.
        host.file(DIR.resolve("seatable-server.yml"), offlineFile.replace("/opt/seatable-compose/licenses", "/etc/seatable"));
        assertThat(new OfflineInspector(host).inspect(DIR, ComposePreference.AUTO).problems())
                .anySatisfy(p -> assertThat(p).contains("license mount's source /etc/seatable/seatable-license.txt is outside the compose directory"));
    }
}

package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.testing.FakeHost;

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
}

package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.spi.ComposeCli;
import seatablemigrate.core.spi.ExecResult;

/** Compose v2's dry-run answers read into the plan's preview: what the switch does, and what it leaves pending. */
class ComposePreviewTest {
    /** What Compose v2.40.3 printed (plain progress, stderr) for 'up -d --no-deps seatable-server' on a stack docker-compose v1 created. */
    private static final String OWN = """
             DRY-RUN MODE -  Container seatable-server  Recreate
             DRY-RUN MODE -  Container seatable-server  Recreated
             DRY-RUN MODE -  Container seatable-server  Starting
             DRY-RUN MODE -  Container seatable-server  Started
            """;
    /** ... and for a plain 'up -d'. */
    private static final String WHOLE = """
             DRY-RUN MODE -  Container seatable_mariadb_1  Recreate
             DRY-RUN MODE -  Container redis  Running
             DRY-RUN MODE -  Container caddy  Starting
             DRY-RUN MODE -  Container seatable_mariadb_1  Recreated
             DRY-RUN MODE -  Container seatable-server  Recreate
             DRY-RUN MODE -  Container seatable-server  Recreated
             DRY-RUN MODE -  Container seatable_mariadb_1  Waiting
             DRY-RUN MODE -  Container seatable_mariadb_1  Healthy
            """;

    private static ContainerState container(String name, String service) {
        return new ContainerState(name, "img:1", "sha256:1", "running", ContainerState.Health.NONE, Map.of(ContainerState.LABEL_SERVICE, service),
                Map.of(), "id", Optional.empty());
    }

    private static final List<ContainerState> CONTAINERS = List.of(container("seatable_mariadb_1", "mariadb"), container("redis", "redis"),
            container("seatable-server", "seatable-server"));

    @Test
    void namesWhatTheSwitchDoesAndWhatOtherServicesHavePending() {
        ComposePreview p = ComposePreview.read(ExecResult.of(0, "", OWN), ExecResult.of(0, "", WHOLE), CONTAINERS, ComposeCli.PLUGIN);
        assertThat(p.switchActions()).containsExactly(Map.entry("seatable-server", "recreate"));
        assertThat(p.pending()).containsExactly(Map.entry("mariadb", "its configuration changed since it was created"),
                Map.entry("caddy", "it is stopped"));
        assertThat(p.describe("seatable-server")).isEqualTo("Compose (--dry-run) would recreate seatable-server and no other container;"
                + " mariadb: its configuration changed since it was created, this switch leaves it as it is;"
                + " caddy: it is stopped, this switch leaves it as it is");
    }

    @Test
    void aComposeWithoutDryRunOrAFailureIsNoPreview() {
        ExecResult old = ExecResult.of(16, "", "unknown flag: --dry-run\nSee 'docker compose --help'.");
        assertThat(ComposePreview.read(old, old, CONTAINERS, ComposeCli.PLUGIN).unavailable())
                .contains("this 'docker compose' has no --dry-run (Compose 2.20 and newer have it)");
        ExecResult failed = ExecResult.of(1, "", "pull access denied for x\u001b[2J, repository does not exist");
        assertThat(ComposePreview.read(ExecResult.of(0, "", OWN), failed, CONTAINERS, ComposeCli.PLUGIN).unavailable())
                .contains("'docker compose --dry-run up' failed (exit 1: pull access denied for x\\x1b[2J, repository does not exist)");
    }

    @Test
    void theHostsTextIsShownPrintableAndBounded() {
        StringBuilder whole = new StringBuilder(" DRY-RUN MODE -  Container evil\u001b]0;x\u0007  Recreate\n");
        for (int i = 0; i < 100; i++) {
            whole.append(" DRY-RUN MODE -  Container c").append(i).append("  Recreate\n");
        }
        ComposePreview p = ComposePreview.read(ExecResult.of(0, "", OWN), ExecResult.of(0, "", whole.toString()), CONTAINERS, ComposeCli.PLUGIN);
        assertThat(p.pending()).hasSize(20).containsKey("evil\\x1b]0;x\\x07");
        assertThat(p.describe("seatable-server")).doesNotContain("\u001b").doesNotContain("\u0007");
    }
}

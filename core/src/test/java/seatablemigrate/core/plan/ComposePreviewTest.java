package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.spi.ExecResult;

/** Compose v2's dry-run answers read into the plan's preview: what the switch does, and what it leaves pending. */
class ComposePreviewTest {
    /**
     * What Compose v2.40.3 printed (plain progress, on stderr) for {@code up -d --no-deps seatable-server} with another
     * image, on a stack docker-compose v1 created (the example project, its containers renamed).
     */
    private static final String OWN = """
             DRY-RUN MODE -  Container pv-seatable-server  Recreate
             DRY-RUN MODE -  Container pv-seatable-server  Recreated
             DRY-RUN MODE -  Container 4430a9728e84_pv-seatable-server  Starting
             DRY-RUN MODE -  Container 4430a9728e84_pv-seatable-server  Started
            """;
    /** ... and for a plain {@code up -d} (a stopped Caddy added, as Compose reports one). */
    private static final String WHOLE = """
            time="2026-12-02T07:03:58Z" level=warning msg="/tmp/smt-preview/mariadb.yml: the attribute `version` is obsolete"
             DRY-RUN MODE -  Container pv-mariadb  Recreate
             DRY-RUN MODE -  Container pv-mariadb  Recreated
             DRY-RUN MODE -  Container caddy  Starting
             DRY-RUN MODE -  Container pv-seatable-server  Recreate
             DRY-RUN MODE -  Container pv-seatable-server  Recreated
             DRY-RUN MODE -  Container 5b92368f9e9d_pv-mariadb  Starting
             DRY-RUN MODE -  Container 5b92368f9e9d_pv-mariadb  Started
             DRY-RUN MODE -  Container pv-mariadb  Waiting
             DRY-RUN MODE -  Container 5b92368f9e9d_pv-mariadb  Waiting
             DRY-RUN MODE -  Container pv-mariadb  Healthy
             DRY-RUN MODE -  Container 5b92368f9e9d_pv-mariadb  Healthy
             DRY-RUN MODE -  Container 4430a9728e84_pv-seatable-server  Starting
             DRY-RUN MODE -  Container 4430a9728e84_pv-seatable-server  Started
             DRY-RUN MODE -  Container redis  Running
            """;
    /** A target image the switch pulls first: Compose decides, then cannot create the container in a dry-run. */
    private static final String OWN_NOT_PULLED = """
             DRY-RUN MODE -  seatable-server Pulling\s
             DRY-RUN MODE -  seatable-server Pulled\s
             DRY-RUN MODE -  Container pv-seatable-server  Recreate
             DRY-RUN MODE -  Container pv-seatable-server  Error response from daemon: no such image: 127.0.0.1:5000/seatable/seatable-enterprise:5.3.4
            Error response from daemon: no such image: 127.0.0.1:5000/seatable/seatable-enterprise:5.3.4
            """;

    private static ContainerState container(String name, String service) {
        return new ContainerState(name, "img:1", "sha256:1", "running", ContainerState.Health.NONE, Map.of(ContainerState.LABEL_SERVICE, service),
                Map.of(), "id", Optional.empty());
    }

    private static final List<ContainerState> CONTAINERS = List.of(container("pv-mariadb", "mariadb"), container("redis", "redis"),
            container("pv-seatable-server", "seatable-server"));

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
    void aDecisionPrintedBeforeADryRunFailureCounts() {
        ComposePreview p = ComposePreview.read(ExecResult.of(1, "", OWN_NOT_PULLED), ExecResult.of(0, "", WHOLE), CONTAINERS, ComposeCli.PLUGIN);
        assertThat(p.unavailable()).isEmpty();
        assertThat(p.switchActions()).containsExactly(Map.entry("seatable-server", "recreate"));
    }

    @Test
    void aComposeWithoutDryRunOrAFailureIsNoPreview() {
        ExecResult old = ExecResult.of(16, "", "unknown flag: --dry-run\nSee 'docker compose --help'.");
        assertThat(ComposePreview.read(old, old, CONTAINERS, ComposeCli.PLUGIN).unavailable())
                .contains("this 'docker compose' has no --dry-run (Compose 2.20 and newer have it)");
        ExecResult failed = ExecResult.of(1, "", " DRY-RUN MODE -  seatable-server Pulling\npull access denied for x\u001b[2J, repository does not exist");
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

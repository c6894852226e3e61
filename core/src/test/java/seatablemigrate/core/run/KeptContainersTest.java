package seatablemigrate.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.ContainerState;

/** What the result says of the other containers after a switch: kept, or which changed and how. */
class KeptContainersTest {
    private static ContainerState container(String service, String id, String started, String status) {
        return new ContainerState(service, "img:1", "sha256:1", status, ContainerState.Health.NONE, Map.of(ContainerState.LABEL_SERVICE, service),
                Map.of(), id, ContainerState.startedAt(started));
    }

    private static final ContainerState MARIADB = container("mariadb", "a1b2c3d4e5f6a7b8", "2026-11-30T10:02:11.123456789Z", "running");
    private static final ContainerState REDIS = container("redis", "0f0e0d0c0b0a0908", "2026-11-30T10:02:12Z", "running");

    @Test
    void sameContainersStartedAtTheSameTimeWereKept() {
        assertThat(KeptContainers.compare(List.of(MARIADB), List.of(MARIADB)))
                .isEqualTo(new KeptContainers(true, "mariadb kept running (same container, started 2026-11-30 10:02:11 UTC)"));
        assertThat(KeptContainers.compare(List.of(MARIADB, REDIS), List.of(REDIS, MARIADB)).message())
                .isEqualTo("mariadb, redis kept running (same containers; started 2026-11-30 10:02:11 UTC, 2026-11-30 10:02:12 UTC)");
        assertThat(KeptContainers.compare(List.of(), List.of())).isEqualTo(new KeptContainers(true, "no other container in the project"));
    }

    @Test
    void aRecreatedRestartedStoppedOrRemovedContainerIsNamed() {
        ContainerState recreated = container("mariadb", "ffeeddccbbaa9988", "2026-11-30T10:05:00Z", "running");
        KeptContainers k = KeptContainers.compare(List.of(MARIADB, REDIS), List.of(recreated, REDIS));
        assertThat(k.kept()).isFalse();
        assertThat(k.message()).isEqualTo("mariadb was recreated (container a1b2c3d4e5f6 is now ffeeddccbbaa, started 2026-11-30 10:05:00 UTC)"
                + " (the switch brought up only SeaTable's service: something else changed it; check its state);"
                + " redis kept running (same container, started 2026-11-30 10:02:12 UTC)");
        ContainerState restarted = container("mariadb", MARIADB.id(), "2026-11-30T10:05:00Z", "running");
        assertThat(KeptContainers.compare(List.of(MARIADB), List.of(restarted)).message())
                .startsWith("mariadb was restarted (same container, started 2026-11-30 10:05:00 UTC, before 2026-11-30 10:02:11 UTC)");
        ContainerState exited = container("mariadb", MARIADB.id(), "2026-11-30T10:02:11.123456789Z", "exited");
        assertThat(KeptContainers.compare(List.of(MARIADB), List.of(exited)).message()).startsWith("mariadb no longer runs (exited)");
        assertThat(KeptContainers.compare(List.of(MARIADB), List.of()).message()).startsWith("mariadb is gone (container a1b2c3d4e5f6 no longer exists)");
    }

    @Test
    void anUnknownStartTimeProvesNothing() {
        ContainerState unknown = container("mariadb", MARIADB.id(), "0001-01-01T00:00:00Z", "running");
        assertThat(unknown.startedAt()).isEqualTo(Optional.empty());
        assertThat(KeptContainers.compare(List.of(unknown), List.of(unknown)).kept()).isFalse();
    }

    @Test
    void theHostsNamesArePrintedAsText() {
        ContainerState hostile = container("db\u001b[2J", "x\ny", "2026-11-30T10:02:11Z", "running");
        ContainerState gone = container("other", "z", "2026-11-30T10:02:11Z", "running");
        String m = KeptContainers.compare(List.of(hostile), List.of(gone)).message();
        assertThat(m).doesNotContain("\u001b").doesNotContain("\n").contains("db\\x1b[2J is gone (container x\\ny no longer exists)");
    }
}

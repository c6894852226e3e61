package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.inspect.OfflineInspector;
import seatablemigrate.core.model.ActiveUsers;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.spi.ConnectionOptions;

/**
 * {@code status} shows the accounts SeaTable counts against the license beside the license, compared by the same rule
 * as the {@code license-users} check (the example's license allows 3 users), and says why when they are not counted.
 */
class StatusUsersTest {
    private static final Path EXAMPLE = ComposeProject.EXAMPLE;

    private static Installation example() {
        try (HostSession local = HostSession.live("local", ConnectionOptions.NONE)) {
            return new OfflineInspector(local.host()).inspect(EXAMPLE, EXAMPLE, ComposePreference.AUTO);
        }
    }

    private static String render(Installation i, ActiveUsers users) {
        DatabaseInfo d = i.database().orElseThrow();
        Installation counted = new Installation(i.composeDir(), i.engine(), i.composeCli(), i.env(), i.envMode(), i.composeFiles(), i.composeFileSums(),
                i.seatableService(), i.configuredImage(), i.imageFollowsEnv(), i.containers(), i.seatable(), i.serverInfo(), i.recordedVersion(),
                i.license(), i.strayLicenseDirs(), i.licenseMounted(), Optional.of(new DatabaseInfo(d.container(), d.databases(), d.sizeBytes(),
                d.dumpTool(), d.problem(), users)), i.state(), i.problems());
        StringWriter out = new StringWriter();
        Render.installation(counted, new PrintWriter(out), true, Optional.empty());
        return out.toString();
    }

    @Test
    void statusComparesTheActiveAccountsWithTheLicense() {
        Installation i = example();
        assertThat(render(i, ActiveUsers.counted(2))).contains("  license:  valid until 2099-12-31, 3 users\n"
                + "  database: container mariadb, 3 databases [ccnet_db, dtable_db, seafile_db]\n"
                + "  users:    2 active accounts in ccnet_db.EmailUser and the license allows 3 (MaxUsers)\n");
        assertThat(render(i, ActiveUsers.counted(3))).contains("  users:    3 active accounts in ccnet_db.EmailUser and the license allows 3"
                + " (MaxUsers): within 10% of its limit, no account can be added\n");
        assertThat(render(i, ActiveUsers.counted(5))).contains("  users:    5 active accounts in ccnet_db.EmailUser and the license allows 3"
                + " (MaxUsers): 2 more than it covers\n");
    }

    @Test
    void offlineStatusSaysTheAccountsAreNotCounted() {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("status", "--offline", "--from", EXAMPLE.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  users:    the active accounts cannot be counted (offline: not observed)\n");
    }
}

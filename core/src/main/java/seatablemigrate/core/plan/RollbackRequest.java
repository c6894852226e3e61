package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import seatablemigrate.core.inspect.ComposePreference;

/**
 * A request to return an installation to the state recorded in one of the tool's backups.
 *
 * @param backupId        the backup folder's name; empty for the newest backup of this compose directory
 * @param restoreDatabase also load the backup's database dump (replaces the current databases)
 */
public record RollbackRequest(Path composeDir, ComposePreference compose, Path backupRoot, Optional<String> backupId,
                              boolean restoreDatabase, Duration healthTimeout) {
    public RollbackRequest {
        requireNonNull(composeDir, "composeDir is null");
        requireNonNull(compose, "compose is null");
        requireNonNull(backupRoot, "backupRoot is null");
        requireNonNull(backupId, "backupId is null");
        requireNonNull(healthTimeout, "healthTimeout is null");
        MigrationRequest.checkHealthTimeout(healthTimeout, "the health timeout");
    }
}

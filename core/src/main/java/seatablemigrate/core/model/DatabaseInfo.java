package seatablemigrate.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The database container and what it holds.
 *
 * @param container the MariaDB container
 * @param databases the non-system databases (SeaTable's and any others), empty when they could not be listed
 * @param sizeBytes data plus index size of those databases, -1 when unknown
 * @param dumpTool  {@code mariadb-dump} or {@code mysqldump}, whichever the image has
 * @param problem   why the databases could not be listed, if they could not
 * @param users     the accounts SeaTable counts against a license, or why they could not be counted
 */
public record DatabaseInfo(ContainerState container, List<String> databases, long sizeBytes, Optional<String> dumpTool,
                           Optional<String> problem, ActiveUsers users) {
    public DatabaseInfo {
        databases = List.copyOf(databases);
        Objects.requireNonNull(users, "users is null");
    }
}

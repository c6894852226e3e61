package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What an offline plan reads and whom it is for: the copy of a compose directory on the machine the tool runs on, and
 * the host the copy came from as the user named it ({@code --host}; empty when none was given). Nothing of the host is
 * observed: every word about the installation is what the copy says, and {@link #describe} says so wherever the plan is
 * shown (terminal, JSON, report, script header, the backup's manifest).
 *
 * @param dir          the copy (absolute, normalised)
 * @param host         the host's name as given with {@code --host}, only for words: offline nothing connects to it
 * @param seatableConf for an upgrade, a copy of SeaTable's configuration folder ({@code --seatable-conf-from}; absolute,
 *                     normalised): only the names and modes of its files are read, and the script checks that the host's
 *                     folder holds exactly those before its first change
 */
public record OfflineCopy(Path dir, Optional<String> host, Optional<Path> seatableConf) {
    public OfflineCopy {
        requireNonNull(dir, "dir is null");
        requireNonNull(host, "host is null");
        host = host.filter(h -> !h.isBlank() && !h.equals("local"));
        requireNonNull(seatableConf, "seatableConf is null");
    }

    public OfflineCopy(Path dir, Optional<String> host) {
        this(dir, host, Optional.empty());
    }

    /** A copy planned for the host named {@code host} ({@code local}, the default of {@code --host}, names none). */
    public static OfflineCopy of(Path dir, String host) {
        return new OfflineCopy(dir, Optional.of(host));
    }

    /** This copy with {@code conf}, a copy of SeaTable's configuration folder, beside it. */
    public OfflineCopy withSeatableConf(Path conf) {
        return new OfflineCopy(dir, host, Optional.of(conf));
    }

    /** Where the plan acts: {@code db1:/opt/seatable-compose}, or without a host name {@code /opt/seatable-compose on its host}. */
    public String plannedFor(Path composeDir) {
        return host.map(h -> h + ":" + composeDir).orElse(composeDir + " on its host");
    }

    /** {@code copy ./copy, planned for db1:/opt/seatable-compose}: what was read, and for what. */
    public String describe(Path composeDir) {
        return "copy " + dir + ", planned for " + plannedFor(composeDir);
    }
}

package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.fleet.Batches;
import seatablemigrate.core.fleet.FleetRunner;

/** The options that turn status, plan and migrate into a run over many hosts. */
final class FleetOptions {
    @Option(names = "--inventory", paramLabel = "FILE", description = "Run on every host of an Ansible inventory (INI, YAML, a directory or a"
            + " script; read by ansible-inventory when Ansible is installed), or of a file of targets, one per line (user@host,"
            + " ssh://user@host:port). Host variables: ansible_host, ansible_port, ansible_user, ansible_ssh_private_key_file,"
            + " ansible_become, seatable_compose_dir, seatable_backup_dir, seatable_license.")
    String inventory;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only these hosts and groups, as Ansible's --limit: web,db  web:&prod  all:!h3  ~regex.")
    String limit;

    @Option(names = "--forks", paramLabel = "N", description = "Hosts at once (default: ${DEFAULT-VALUE}), each over its own connection.")
    int forks = 5;

    @Option(names = "--serial", paramLabel = "N[,N...]", description = "Batches, as Ansible's serial: 1,100%% runs a canary host first, then the rest;"
            + " a batch starts when the one before it has ended.")
    String serial;

    @Option(names = "--max-fail", paramLabel = "N", description = "Start no new host once N hosts have failed (running ones finish or roll back).")
    Integer maxFail;

    @Option(names = "--list-hosts", description = "With --inventory: list the hosts that would be touched, with their connection, and stop.")
    boolean listHosts;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "With --inventory: where each host's log goes (default: ./seatable-migrate-fleet-<time>).")
    Path logDir;

    boolean active() {
        return inventory != null;
    }

    /** Fleet options without --inventory are a mistake worth saying. */
    void checkUsage() {
        if (!active() && (limit != null || serial != null || maxFail != null || listHosts || logDir != null || forks != 5)) {
            throw new UsageException("--limit, --forks, --serial, --max-fail, --list-hosts and --log-dir go with --inventory");
        }
    }

    FleetRunner.Settings settings() {
        return new FleetRunner.Settings(forks, serial == null ? Batches.ALL : Batches.parse(serial), Optional.ofNullable(maxFail));
    }
}

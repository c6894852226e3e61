package seatablemigrate.core.fleet;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.UsageException;

/**
 * One host of an inventory: its inventory name, its variables (host and group variables merged, as Ansible merges
 * them; values as strings) and the groups it belongs to. The connection and our own settings are read from the
 * variables Ansible uses ({@code ansible_host}, {@code ansible_port}, {@code ansible_user},
 * {@code ansible_ssh_private_key_file}, {@code ansible_become}, {@code ansible_connection}) and from
 * {@code seatable_compose_dir}, {@code seatable_backup_dir} and {@code seatable_license}; {@code seatable_target}, when
 * set, is the target as {@code --host} takes it (an ssh_config alias, another backend's scheme) and wins over the
 * connection variables.
 */
public record FleetHost(String name, Map<String, String> vars, List<String> groups) {
    public FleetHost {
        if (name == null || name.isBlank()) {
            throw new UsageException("an inventory host has no name");
        }
        vars = Map.copyOf(vars);
        groups = List.copyOf(groups);
    }

    /**
     * The target the tool connects to: {@code seatable_target} as given; {@code local} for {@code ansible_connection=local}, otherwise
     * {@code ssh://[user@]host[:port]} with {@code ansible_host} (default: the inventory name).
     */
    public String target() {
        if (vars.containsKey("seatable_target")) {
            return vars.get("seatable_target");
        }
        if ("local".equals(vars.get("ansible_connection"))) {
            return "local";
        }
        String address = vars.getOrDefault("ansible_host", name);
        if (address.contains(":") && !address.startsWith("[")) {
            address = "[" + address + "]";
        }
        String user = Optional.ofNullable(vars.get("ansible_user")).map(u -> u + "@").orElse("");
        String port = Optional.ofNullable(vars.get("ansible_port")).map(p -> ":" + port(p)).orElse("");
        return "ssh://" + user + address + port;
    }

    private String port(String value) {
        try {
            int p = Integer.parseInt(value.strip());
            if (p > 0 && p < 65536) {
                return Integer.toString(p);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("host " + name + ": ansible_port " + value + " is not a port");
    }

    public Optional<Path> composeDir() {
        return path("seatable_compose_dir");
    }

    public Optional<Path> backupDir() {
        return path("seatable_backup_dir");
    }

    public Optional<Path> license() {
        return path("seatable_license");
    }

    public Optional<Path> identity() {
        return path("ansible_ssh_private_key_file").or(() -> path("ansible_private_key_file"));
    }

    /** {@code ansible_become} true (any of Ansible's spellings of true). */
    public boolean become() {
        return Optional.ofNullable(vars.get("ansible_become")).map(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on", "y", "t" -> true;
            default -> false;
        }).orElse(false);
    }

    private Optional<Path> path(String var) {
        return Optional.ofNullable(vars.get(var)).filter(v -> !v.isBlank()).map(v -> {
            if (v.indexOf('\0') >= 0) {
                throw new UsageException("host " + name + ": " + var + " contains a NUL byte");
            }
            return Path.of(v.startsWith("~/") ? System.getProperty("user.home") + v.substring(1) : v);
        });
    }
}

package seatablemigrate.core.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import seatablemigrate.core.UsageException;

/**
 * The hand-off of a fleet dry-run to Ansible: each host's audit script under a file name of our making, an inventory
 * of the hosts as the tool resolved them, and a playbook that runs each host's own script with Ansible's
 * {@code script} module, batch by batch. Names from the inventory never pick a file: {@link #fileName} keeps letters,
 * digits, dot, dash and underscore, and makes names unique.
 */
public final class Handoff {
    public static final String GROUP = "seatable_migrate";
    private final Map<FleetHost, String> names = new LinkedHashMap<>();

    /** @param hosts the fleet's hosts in order; each gets a unique, safe file name stem */
    public Handoff(List<FleetHost> hosts) {
        Set<String> used = new HashSet<>();
        for (FleetHost h : hosts) {
            String base = h.name().replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.-]+", "_");
            if (base.isEmpty() || base.length() > 100) {
                base = "host" + (base.isEmpty() ? "" : "_" + Integer.toHexString(h.name().hashCode()));
            }
            String name = base;
            for (int n = 2; !used.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "_" + n;
            }
            names.put(h, name);
        }
    }

    private Handoff(Map<FleetHost, String> names) {
        this.names.putAll(names);
    }

    /**
     * The same hand-off for some of its hosts (those whose script was written), each keeping its file name: a name made
     * unique among all the hosts stays the name of that host's script.
     */
    public Handoff only(List<FleetHost> hosts) {
        Map<FleetHost, String> kept = new LinkedHashMap<>();
        hosts.forEach(h -> kept.put(h, fileName(h)));
        return new Handoff(kept);
    }

    /** The host's name in the hand-off: its script is {@code <name>.sh}, its inventory entry {@code <name>}. */
    public String fileName(FleetHost host) {
        return Objects.requireNonNull(names.get(host), "not a host of this hand-off");
    }

    /**
     * How Ansible reaches the machine the tool inspected: the host's {@link FleetHost#target()} (so
     * {@code seatable_target} wins over the connection variables, as it did for the dry-run) as {@code ansible_host},
     * {@code ansible_user} and {@code ansible_port}, or {@code ansible_connection=local}. Empty for another backend's
     * scheme, which Ansible cannot reach.
     */
    static Optional<Map<String, String>> connection(FleetHost host) {
        String target = host.target();
        if (target.equals("local")) {
            return Optional.of(Map.of("ansible_connection", "local"));
        }
        if (target.contains("://") && !target.startsWith("ssh://")) {
            return Optional.empty();
        }
        // One reading of a target: the one a host list is read with.
        Map<String, String> parsed = Inventory.fromTarget(target).vars();
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : List.of("ansible_host", "ansible_port", "ansible_user")) {
            Optional.ofNullable(parsed.get(k)).ifPresent(v -> out.put(k, v));
        }
        return Optional.of(out);
    }

    /** Whether Ansible can reach the host's target (see {@link #connection}); a host it cannot is left out of the hand-off. */
    public static boolean reachable(FleetHost host) {
        return connection(host).isPresent();
    }

    /**
     * The inventory: group {@value #GROUP} with each host's connection as the tool resolved it ({@link #connection}, key,
     * become) and its original name in {@code seatable_migrate_host}. INI, values quoted for Ansible's shlex reading.
     *
     * @param knownHosts the known_hosts file the tool checked host keys against, for Ansible's ssh to check the same
     * @param sshConfig  the ssh_config the tool resolved aliases with ({@code --ssh-config}), for Ansible's ssh to resolve
     *                   them the same way (OpenSSH's own default otherwise, as the tool's)
     */
    public String inventory(String header, Optional<Path> knownHosts, Optional<Path> sshConfig) {
        StringBuilder sb = new StringBuilder();
        for (String line : header.split("\n")) {
            sb.append("# ").append(line).append('\n');
        }
        sb.append('[').append(GROUP).append("]\n");
        names.forEach((h, name) -> {
            sb.append(name);
            Map<String, String> vars = new LinkedHashMap<>(connection(h).orElseThrow(() -> new UsageException("host "
                    + h.name() + ": Ansible cannot reach its target " + h.target() + ", so it has no place in the hand-off")));
            if (!vars.containsKey("ansible_connection")) {
                h.identity().ifPresent(k -> vars.put("ansible_ssh_private_key_file", k.toString()));
                List<String> args = new ArrayList<>();
                sshConfig.ifPresent(f -> args.add("-F " + shlexQuote(f.toString())));
                knownHosts.ifPresent(f -> args.add("-o UserKnownHostsFile=" + shlexQuote(f.toString())));
                if (!args.isEmpty()) {
                    vars.put("ansible_ssh_common_args", String.join(" ", args));
                }
            }
            if (h.become()) {
                vars.put("ansible_become", "true");
            }
            vars.put("seatable_migrate_host", h.name());
            vars.forEach((k, v) -> {
                // One host is one line: a line break in a value would start a line of its own (another host, other values).
                if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\0') >= 0) {
                    throw new UsageException("host " + h.name() + ": " + k + " holds a line break or NUL, which the"
                            + " generated inventory cannot carry");
                }
                sb.append(' ').append(k).append('=').append(shlexQuote(v));
            });
            sb.append('\n');
        });
        return sb.toString();
    }

    /**
     * The playbook: one play over {@value #GROUP} in the fleet's batches, stopping as {@code --max-fail} does (see
     * {@link #maxFailPercentage}), that runs each host's reviewed script.
     */
    public String playbook(String header, String title, Batches batches, Optional<Integer> maxFail, int forks) {
        StringBuilder sb = new StringBuilder();
        for (String line : header.split("\n")) {
            sb.append("# ").append(line).append('\n');
        }
        sb.append("# Run:  ansible-playbook -i inventory playbook.yml --forks ").append(forks).append('\n');
        sb.append("- name: ").append(yamlString(title)).append('\n');
        sb.append("  hosts: ").append(GROUP).append('\n');
        sb.append("  gather_facts: false\n");
        if (!batches.sizes().isEmpty()) {
            sb.append("  serial: ").append(batches.yaml()).append('\n');
        }
        maxFailPercentage(maxFail, batches, names.size()).ifPresent(p -> sb.append("  max_fail_percentage: ").append(p).append('\n'));
        sb.append("  tasks:\n");
        sb.append("    - name: Run this host's reviewed seatable-migrate script\n");
        sb.append("      ansible.builtin.script:\n");
        sb.append("        cmd: \"{{ playbook_dir }}/{{ inventory_hostname }}.sh\"\n");
        return sb.toString();
    }

    /**
     * {@code --max-fail N} as Ansible's {@code max_fail_percentage}, which Ansible applies per batch: the largest
     * percentage of the largest batch that still stops at N failed hosts of it. Exact for N = 1 (any failure stops
     * further batches); for larger N it counts per batch where the tool counts over the whole run.
     */
    static Optional<Integer> maxFailPercentage(Optional<Integer> maxFail, Batches batches, int hosts) {
        if (maxFail.isEmpty() || hosts == 0) {
            return Optional.empty();
        }
        int largest = batches.split(Collections.nCopies(hosts, 0)).stream().mapToInt(List::size).max().orElse(hosts);
        int n = maxFail.get();
        if (n > largest) {
            return Optional.empty();
        }
        return Optional.of(100 * (n - 1) / largest);
    }

    /** The hosts in hand-off order. */
    public List<FleetHost> hosts() {
        return new ArrayList<>(names.keySet());
    }

    static String shlexQuote(String v) {
        if (!v.isEmpty() && v.matches("[A-Za-z0-9._/@:+,%-]+")) {
            return v;
        }
        return "'" + v.replace("'", "'\"'\"'") + "'";
    }

    private static String yamlString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

package seatablemigrate.core.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import seatablemigrate.core.UsageException;

/**
 * Reads what {@code ansible-inventory --list} prints: groups with {@code hosts} and {@code children}, and every host's
 * merged variables under {@code _meta.hostvars}. Ansible has already applied its variable precedence and read
 * whatever form the inventory had (INI, YAML, a directory, a script, plugins). Host order is Ansible's: depth first
 * from {@code all}, each host where it is first listed.
 */
public final class AnsibleInventoryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnsibleInventoryJson() {}

    public static Inventory parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UsageException("ansible-inventory printed no JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("ansible-inventory printed no JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UsageException("ansible-inventory printed no JSON object");
        }
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        Set<String> order = new LinkedHashSet<>();
        collect(root, "all", groups, order, new HashSet<>());
        JsonNode hostvars = root.path("_meta").path("hostvars");
        List<FleetHost> hosts = new ArrayList<>();
        for (String name : order) {
            List<String> memberOf = groups.entrySet().stream().filter(e -> !e.getKey().equals("all") && e.getValue().contains(name))
                    .map(Map.Entry::getKey).toList();
            hosts.add(new FleetHost(name, vars(hostvars.path(name)), memberOf));
        }
        return new Inventory(hosts, groups);
    }

    /** Walks group {@code name}; returns its hosts with its children's. */
    private static Set<String> collect(JsonNode root, String name, Map<String, Set<String>> groups, Set<String> order, Set<String> onPath) {
        if (groups.containsKey(name)) {
            return groups.get(name);
        }
        if (!onPath.add(name)) {
            throw new UsageException("the inventory's group " + name + " is its own child");
        }
        JsonNode group = root.path(name);
        Set<String> members = new LinkedHashSet<>();
        for (JsonNode h : group.path("hosts")) {
            order.add(h.asText());
            members.add(h.asText());
        }
        for (JsonNode child : group.path("children")) {
            members.addAll(collect(root, child.asText(), groups, order, onPath));
        }
        onPath.remove(name);
        groups.put(name, members);
        return members;
    }

    /** A host's variables with scalar values as text; structured values (lists, maps) are not ours and are left out. */
    static Map<String, String> vars(JsonNode node) {
        Map<String, String> vars = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                vars.put(e.getKey(), e.getValue().asText());
            }
        });
        return vars;
    }
}

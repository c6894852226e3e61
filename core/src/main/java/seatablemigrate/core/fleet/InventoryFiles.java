package seatablemigrate.core.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import seatablemigrate.core.UsageException;

/**
 * Our own reader of static inventory files, the fallback when Ansible is not installed: INI and YAML as Ansible
 * writes them (groups, {@code :children}, {@code :vars}, host variables). It produces what {@code ansible-inventory
 * --list} would print for the same file, variables merged with Ansible's precedence (all, then groups from the
 * shallowest to the deepest and by name, then the host), and hands that to {@link AnsibleInventoryJson}, so both ways
 * end in one reader. Not supported here, with a message that says to install Ansible: host ranges
 * ({@code web[1:3]}), directories, scripts and plugins.
 */
public final class InventoryFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InventoryFiles() {}

    /** A target list (one per line, {@code user@host} or {@code ssh://...}), or an INI or YAML inventory. */
    public static Inventory parse(String text, String source) {
        if (isTargetList(text)) {
            return Inventory.ofTargets(text);
        }
        Tree tree = looksLikeYaml(text) ? yaml(text, source) : ini(text, source);
        return AnsibleInventoryJson.parse(tree.listJson());
    }

    /** Every line a single target and at least one with a user or a scheme: not INI, where a host name has neither. */
    public static boolean isTargetList(String text) {
        boolean any = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") || line.contains("=") || line.contains(" ") || line.contains("\t") || line.endsWith(":")) {
                return false;
            }
            any |= line.contains("@") || line.contains("://");
        }
        return any;
    }

    private static boolean looksLikeYaml(String text) {
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.equals("---")) {
                continue;
            }
            return line.endsWith(":") || line.matches("^[A-Za-z0-9_.-]+:\\s.*");
        }
        return false;
    }

    /** Groups as Ansible keeps them: hosts, children and variables, each in the order first written. */
    private static final class Tree {
        final Map<String, Map<String, String>> hostVars = new LinkedHashMap<>();
        final Map<String, Set<String>> groupHosts = new LinkedHashMap<>();
        final Map<String, Set<String>> children = new LinkedHashMap<>();
        final Map<String, Map<String, String>> groupVars = new LinkedHashMap<>();

        void group(String g) {
            groupHosts.computeIfAbsent(g, k -> new LinkedHashSet<>());
            children.computeIfAbsent(g, k -> new LinkedHashSet<>());
            groupVars.computeIfAbsent(g, k -> new LinkedHashMap<>());
        }

        void host(String group, String host, Map<String, String> vars) {
            if (host.matches(".*\\[[^]]*:[^]]*].*")) {
                throw new UsageException("host ranges such as " + host + " need Ansible: install it (ansible-core), and its"
                        + " ansible-inventory reads the inventory");
            }
            group(group);
            groupHosts.get(group).add(host);
            hostVars.computeIfAbsent(host, k -> new LinkedHashMap<>()).putAll(vars);
        }

        byte[] listJson() {
            group("all");
            Set<String> hasParent = new LinkedHashSet<>();
            children.forEach((g, cs) -> { if (!g.equals("all")) hasParent.addAll(cs); });
            Set<String> grouped = new LinkedHashSet<>();
            groupHosts.forEach((g, hs) -> { if (!g.equals("all") && !g.equals("ungrouped")) grouped.addAll(hs); });
            for (String h : new ArrayList<>(groupHosts.get("all"))) {
                if (!grouped.contains(h)) {
                    host("ungrouped", h, Map.of());
                }
            }
            groupHosts.get("all").clear();
            ObjectNode root = JSON.createObjectNode();
            ArrayNode top = root.putObject("all").putArray("children");
            if (groupHosts.containsKey("ungrouped") && !groupHosts.get("ungrouped").isEmpty()) {
                top.add("ungrouped");
            }
            for (String g : groupHosts.keySet()) {
                if (!g.equals("all") && !g.equals("ungrouped") && !hasParent.contains(g)) {
                    top.add(g);
                }
            }
            for (String g : groupHosts.keySet()) {
                if (g.equals("all")) {
                    continue;
                }
                ObjectNode n = root.putObject(g);
                groupHosts.get(g).forEach(n.withArray("hosts")::add);
                children.get(g).forEach(n.withArray("children")::add);
            }
            Map<String, Integer> depth = new LinkedHashMap<>();
            depth("all", 0, depth);
            ObjectNode hostvars = root.putObject("_meta").putObject("hostvars");
            for (String h : hostVars.keySet()) {
                Map<String, String> merged = new LinkedHashMap<>(groupVars.get("all"));
                groupVars.keySet().stream().filter(g -> !g.equals("all") && member(g, h))
                        .sorted(Comparator.<String>comparingInt(g -> depth.getOrDefault(g, 1)).thenComparing(Comparator.naturalOrder()))
                        .forEach(g -> merged.putAll(groupVars.get(g)));
                merged.putAll(hostVars.get(h));
                ObjectNode vars = hostvars.putObject(h);
                merged.forEach(vars::put);
            }
            try {
                return JSON.writeValueAsBytes(root);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void depth(String g, int d, Map<String, Integer> depth) {
            if (depth.getOrDefault(g, -1) >= d || d > groupHosts.size() + 1) {
                return;
            }
            depth.put(g, d);
            Set<String> cs = new LinkedHashSet<>(children.getOrDefault(g, Set.of()));
            if (g.equals("all")) {
                groupHosts.keySet().stream().filter(x -> !x.equals("all")).forEach(cs::add);
            }
            cs.forEach(c -> depth(c, d + 1, depth));
        }

        private boolean member(String g, String h) {
            return member(g, h, new HashSet<>());
        }

        private boolean member(String g, String h, Set<String> seen) {
            if (!seen.add(g)) {
                return false;
            }
            return groupHosts.getOrDefault(g, Set.of()).contains(h) || children.getOrDefault(g, Set.of()).stream().anyMatch(c -> member(c, h, seen));
        }
    }

    private static Tree ini(String text, String source) {
        Tree tree = new Tree();
        tree.group("all");
        String group = "all";
        String kind = "hosts";
        int n = 0;
        for (String raw : text.split("\n")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new UsageException(source + " line " + n + ": a section header ends with ]");
                }
                String name = line.substring(1, line.length() - 1).strip();
                int colon = name.indexOf(':');
                group = colon < 0 ? name : name.substring(0, colon);
                kind = colon < 0 ? "hosts" : name.substring(colon + 1);
                if (!List.of("hosts", "vars", "children").contains(kind)) {
                    throw new UsageException(source + " line " + n + ": [" + name + "]: a section is [group], [group:vars] or [group:children]");
                }
                tree.group(group);
                continue;
            }
            List<String> words = ShlexWords.split(line, source + " line " + n);
            switch (kind) {
                case "hosts" -> tree.host(group, words.get(0), assignments(words.subList(1, words.size()), source, n));
                case "children" -> {
                    tree.group(words.get(0));
                    tree.children.get(group).add(words.get(0));
                }
                default -> {
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException(source + " line " + n + ": a [" + group + ":vars] line is name=value");
                    }
                    tree.groupVars.get(group).put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
                }
            }
        }
        return tree;
    }

    private static Map<String, String> assignments(List<String> words, String source, int n) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(source + " line " + n + ": '" + w + "' is not name=value");
            }
            vars.put(w.substring(0, eq), w.substring(eq + 1));
        }
        return vars;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static Tree yaml(String text, String source) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UsageException(source + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UsageException(source + ": a YAML inventory is a mapping of groups (all:, ...)");
        }
        Tree tree = new Tree();
        tree.group("all");
        root.properties().forEach(e -> yamlGroup(tree, e.getKey(), e.getValue(), source));
        return tree;
    }

    private static void yamlGroup(Tree tree, String name, JsonNode group, String source) {
        tree.group(name);
        if (group == null || group.isNull()) {
            return;
        }
        if (!group.isObject()) {
            throw new UsageException(source + ": group " + name + " is not a mapping of hosts, vars and children");
        }
        group.path("hosts").properties().forEach(h -> tree.host(name, h.getKey(), AnsibleInventoryJson.vars(h.getValue())));
        tree.groupVars.get(name).putAll(AnsibleInventoryJson.vars(group.path("vars")));
        group.path("children").properties().forEach(c -> {
            tree.children.get(name).add(c.getKey());
            yamlGroup(tree, c.getKey(), c.getValue(), source);
        });
    }
}

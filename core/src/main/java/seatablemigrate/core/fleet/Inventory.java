package seatablemigrate.core.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import seatablemigrate.core.UsageException;

/**
 * The hosts of an inventory in inventory order, and its groups (each with every host of its own and of its child groups,
 * as Ansible counts membership). Readers: {@link AnsibleInventoryJson} (what {@code ansible-inventory --list} prints),
 * {@link InventoryFiles} (our INI/YAML reader, the fallback without Ansible) and {@link #ofTargets}.
 */
public record Inventory(List<FleetHost> hosts, Map<String, Set<String>> groups) {
    public Inventory {
        hosts = List.copyOf(hosts);
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        groups.forEach((g, members) -> copy.put(g, Collections.unmodifiableSet(new LinkedHashSet<>(members))));
        groups = Collections.unmodifiableMap(copy);
        Set<String> seen = new HashSet<>();
        for (FleetHost h : hosts) {
            if (!seen.add(h.name())) {
                throw new UsageException("the inventory names host " + h.name() + " twice");
            }
        }
    }

    /**
     * A plain list of targets (one per line: {@code user@host}, {@code ssh://user@host:port}, another backend's
     * {@code scheme://...}; # comments): each its own host, named by the target as written.
     */
    public static Inventory ofTargets(String text) {
        List<FleetHost> hosts = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.chars().anyMatch(Character::isWhitespace)) {
                throw new UsageException("a host list has one target per line; this line has several words: " + line);
            }
            hosts.add(fromTarget(line));
        }
        return new Inventory(hosts, Map.of("all", names(hosts)));
    }

    /** A target as a host: its name is the target as written, its connection the target's parts. */
    static FleetHost fromTarget(String target) {
        if (target.equals("local")) {
            return new FleetHost("local", Map.of("ansible_connection", "local"), List.of());
        }
        if (target.contains("://") && !target.startsWith("ssh://")) {
            return new FleetHost(target, Map.of("seatable_target", target), List.of());
        }
        String rest = target.startsWith("ssh://") ? target.substring("ssh://".length()) : target;
        Map<String, String> vars = new LinkedHashMap<>();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            vars.put("ansible_user", rest.substring(0, at));
            rest = rest.substring(at + 1);
        }
        int colon = rest.lastIndexOf(':');
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close > 0 && close + 1 < rest.length() && rest.charAt(close + 1) == ':') {
                vars.put("ansible_port", rest.substring(close + 2));
            }
            rest = rest.substring(1, Math.max(1, close));
        } else if (colon >= 0 && rest.indexOf(':') == colon) {
            vars.put("ansible_port", rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
            throw new UsageException("'" + target + "' names no host");
        }
        vars.put("ansible_host", rest);
        return new FleetHost(target, vars, List.of());
    }

    private static Set<String> names(List<FleetHost> hosts) {
        Set<String> all = new LinkedHashSet<>();
        hosts.forEach(h -> all.add(h.name()));
        return all;
    }

    public Optional<FleetHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /**
     * The hosts a {@code --limit} pattern selects, in inventory order, as Ansible selects them: parts separated by
     * {@code ,} or {@code :}; a part is {@code all} or {@code *}, a group, a host, a glob with {@code *} and {@code ?},
     * or {@code ~regex}; {@code &part} keeps only hosts also in part, {@code !part} removes part's hosts.
     *
     * @throws UsageException when the pattern selects no host
     */
    public List<FleetHost> select(String pattern) {
        Set<String> chosen = new LinkedHashSet<>();
        List<String> and = new ArrayList<>();
        List<String> not = new ArrayList<>();
        String[] parts = pattern.contains(",") ? pattern.split(",") : pattern.split(":");
        for (String raw : parts) {
            String part = raw.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (part.startsWith("&")) {
                and.add(part.substring(1));
            } else if (part.startsWith("!")) {
                not.add(part.substring(1));
            } else {
                chosen.addAll(match(part));
            }
        }
        if (chosen.isEmpty() && !(and.isEmpty() && not.isEmpty())) {
            chosen.addAll(match("all"));
        }
        for (String part : and) {
            chosen.retainAll(match(part));
        }
        for (String part : not) {
            chosen.removeAll(match(part));
        }
        List<FleetHost> out = hosts.stream().filter(h -> chosen.contains(h.name())).toList();
        if (out.isEmpty()) {
            throw new UsageException("--limit " + pattern + " selects no host of the inventory (hosts: "
                    + String.join(", ", names(hosts.subList(0, Math.min(hosts.size(), 10)))) + (hosts.size() > 10 ? ", ..." : "")
                    + "; groups: " + String.join(", ", groups.keySet()) + ")");
        }
        return out;
    }

    private Set<String> match(String part) {
        if (part.equals("all") || part.equals("*")) {
            return names(hosts);
        }
        if (groups.containsKey(part)) {
            return groups.get(part);
        }
        if (host(part).isPresent()) {
            return Set.of(part);
        }
        // As Ansible: a regular expression matches from the start of the name (re.match), a glob the whole name.
        boolean regex = part.startsWith("~");
        Pattern pattern = regex ? compile(part.substring(1)) : glob(part);
        Predicate<String> p = regex ? s -> pattern.matcher(s).lookingAt() : s -> pattern.matcher(s).matches();
        Set<String> out = new LinkedHashSet<>();
        for (String g : groups.keySet()) {
            if (p.test(g)) {
                out.addAll(groups.get(g));
            }
        }
        for (FleetHost h : hosts) {
            if (p.test(h.name())) {
                out.add(h.name());
            }
        }
        return out;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--limit ~" + regex + " is not a regular expression: " + e.getDescription());
        }
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}

package seatablemigrate.backend.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The part of an OpenSSH client configuration this tool follows: {@code Host} blocks with patterns ({@code *},
 * {@code ?}, {@code !negation}) and the keywords HostName, User, Port, IdentityFile, IdentitiesOnly, ProxyJump.
 * As in OpenSSH, the first value found for a keyword wins, IdentityFile accumulates, and {@code %h}, {@code %u},
 * {@code %d} and {@code ~} expand.
 */
public final class SshConfigFile {
    private record Block(List<String> patterns, List<String[]> options) {}

    private final List<Block> blocks;

    private SshConfigFile(List<Block> blocks) {
        this.blocks = blocks;
    }

    public static SshConfigFile read(Path file) throws IOException {
        return parse(Files.exists(file) ? Files.readString(file) : "");
    }

    public static SshConfigFile parse(String text) {
        List<Block> blocks = new ArrayList<>();
        Block current = new Block(List.of("*"), new ArrayList<>());
        blocks.add(current);
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("[\\s=]+", 2);
            if (kv.length < 2) {
                continue;
            }
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv[1].strip();
            if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (key.equals("host")) {
                current = new Block(List.of(value.split("\\s+")), new ArrayList<>());
                blocks.add(current);
            } else if (key.equals("match")) {
                current = new Block(List.of("!*"), new ArrayList<>());
                blocks.add(current);
            } else {
                current.options().add(new String[] {key, value});
            }
        }
        return new SshConfigFile(blocks);
    }

    /** What applies to {@code alias}: keyword (lower case) to values in order. */
    public Map<String, List<String>> forHost(String alias) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Block b : blocks) {
            if (!matches(b.patterns(), alias)) {
                continue;
            }
            for (String[] kv : b.options()) {
                if (kv[0].equals("identityfile")) {
                    out.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
                } else {
                    out.putIfAbsent(kv[0], List.of(kv[1]));
                }
            }
        }
        return out;
    }

    public static Optional<String> first(Map<String, List<String>> options, String key) {
        return Optional.ofNullable(options.get(key)).flatMap(v -> v.stream().findFirst());
    }

    private static boolean matches(List<String> patterns, String host) {
        boolean matched = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String glob = negated ? p.substring(1) : p;
            boolean hit = HostPattern.matches(glob, host);
            if (hit && negated) {
                return false;
            }
            matched |= hit && !negated;
        }
        return matched;
    }

    /** Expands {@code ~}, {@code %d} (home), {@code %h} (host) and {@code %u} (local user) in a path option. */
    public static Path expand(String value, String host) {
        String home = System.getProperty("user.home");
        String v = value.startsWith("~/") ? home + value.substring(1) : value;
        return Path.of(v.replace("%d", home).replace("%h", host).replace("%u", System.getProperty("user.name")));
    }
}

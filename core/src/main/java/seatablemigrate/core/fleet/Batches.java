package seatablemigrate.core.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import seatablemigrate.core.UsageException;

/**
 * {@code --serial}: the sizes of the batches a fleet is run in, as Ansible's {@code serial} gives them: a number, a
 * percentage of the hosts, or a comma list of those whose last entry repeats ({@code 1,100%}: a canary host, then all
 * the rest). A batch starts when the one before it has finished. Empty: one batch of every host.
 */
public record Batches(List<String> sizes) {
    public static final Batches ALL = new Batches(List.of());

    public Batches {
        sizes = List.copyOf(sizes);
        for (String s : sizes) {
            String digits = s.endsWith("%") ? s.substring(0, s.length() - 1) : s;
            if (!digits.matches("[0-9]{1,9}") || Integer.parseInt(digits) == 0 || (s.endsWith("%") && Integer.parseInt(digits) > 100)) {
                throw new UsageException("--serial " + String.join(",", sizes) + ": each batch is a number of hosts (1 or more) or a"
                        + " percentage (1% to 100%), as in --serial 1,100%");
            }
        }
    }

    public static Batches parse(String spec) {
        return new Batches(List.of(spec.strip().split("\\s*,\\s*")));
    }

    /** The hosts cut into batches, in order; every host in exactly one. */
    public <T> List<List<T>> split(List<T> hosts) {
        List<List<T>> out = new ArrayList<>();
        int i = 0;
        int k = 0;
        while (i < hosts.size()) {
            int size = sizes.isEmpty() ? hosts.size() : size(sizes.get(Math.min(k++, sizes.size() - 1)), hosts.size());
            out.add(List.copyOf(hosts.subList(i, Math.min(hosts.size(), i + size))));
            i += size;
        }
        return out;
    }

    private static int size(String s, int total) {
        if (s.endsWith("%")) {
            return Math.max(1, total * Integer.parseInt(s.substring(0, s.length() - 1)) / 100);
        }
        return Integer.parseInt(s);
    }

    /** As Ansible's {@code serial}: a YAML list, or nothing when the fleet runs as one batch. */
    public String yaml() {
        return sizes.stream().map(s -> s.endsWith("%") ? "\"" + s + "\"" : s).collect(Collectors.joining(", ", "[", "]"));
    }
}

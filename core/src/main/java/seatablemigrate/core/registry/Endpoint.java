package seatablemigrate.core.registry;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.spi.RegistrySettings;

/**
 * One place that may answer for a repository: a base URL, the registry name it stands for (credentials and messages),
 * whether plain HTTP is allowed there as Docker allows it, and whether it is a Docker Hub mirror.
 */
record Endpoint(URI base, String registry, boolean plainHttpAllowed, boolean mirror) {
    static final String DOCKER_HUB = "docker.io";
    private static final URI DOCKER_HUB_API = URI.create("https://registry-1.docker.io");

    /** What the user reads: the mirror's URL, or the registry's name. */
    String describe() {
        return mirror ? "mirror " + base : registry.equals(DOCKER_HUB) ? "Docker Hub" : registry;
    }

    /** The registry an image reference names: {@code docker.io} without a prefix. */
    static String registryOf(ImageRef image) {
        String r = image.registry().orElse(DOCKER_HUB);
        return r.equals("index.docker.io") || r.equals("registry-1.docker.io") ? DOCKER_HUB : r;
    }

    /** How a registry is named to the user: {@code Docker Hub}, or the registry's name. */
    static String named(ImageRef image) {
        String r = registryOf(image);
        return r.equals(DOCKER_HUB) ? "Docker Hub" : r;
    }

    /** The repository's name in the API: Docker Hub's official images live under {@code library/}. */
    static String apiName(ImageRef image) {
        return registryOf(image).equals(DOCKER_HUB) && !image.path().contains("/") ? "library/" + image.path() : image.path();
    }

    /** Where to ask, in order: Docker Hub's mirrors before Docker Hub, as the engine pulls. */
    static List<Endpoint> of(ImageRef image, RegistrySettings settings) {
        String registry = registryOf(image);
        List<Endpoint> out = new ArrayList<>();
        if (registry.equals(DOCKER_HUB)) {
            for (String m : settings.mirrors()) {
                parseBase(m).ifPresent(u -> out.add(new Endpoint(u, DOCKER_HUB, u.getScheme().equals("http"), true)));
            }
            out.add(new Endpoint(DOCKER_HUB_API, DOCKER_HUB, false, false));
            return out;
        }
        out.add(new Endpoint(URI.create("https://" + registry), registry, plainHttpAllowed(registry, settings), false));
        return out;
    }

    private static Optional<URI> parseBase(String text) {
        try {
            URI u = URI.create(text.strip().replaceAll("/+$", ""));
            return u.getHost() != null && (u.getScheme().equals("https") || u.getScheme().equals("http"))
                    ? Optional.of(URI.create(u.getScheme() + "://" + u.getRawAuthority())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Docker's rule: a registry named in insecure-registries, or whose address is in one of its CIDR ranges (loopback always). */
    static boolean plainHttpAllowed(String registry, RegistrySettings settings) {
        if (settings.insecure().stream().anyMatch(i -> i.equalsIgnoreCase(registry))) {
            return true;
        }
        String host = hostOf(registry);
        if (host.equals("localhost")) {
            return true;
        }
        List<String> ranges = new ArrayList<>(settings.insecure().stream().filter(i -> i.contains("/")).toList());
        ranges.add("127.0.0.0/8");
        ranges.add("::1/128");
        try {
            // Only literal addresses: a name is resolved by the engine on its side, and resolving it here could differ.
            if (!host.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
                return false;
            }
            InetAddress address = InetAddress.getByName(host);
            return ranges.stream().anyMatch(r -> Cidr.contains(r, address));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String hostOf(String registry) {
        if (registry.startsWith("[")) {
            return registry.substring(1, registry.indexOf(']'));
        }
        int colon = registry.lastIndexOf(':');
        return colon > 0 ? registry.substring(0, colon) : registry;
    }

    /** CIDR membership for IPv4 and IPv6 literals. */
    static final class Cidr {
        private Cidr() {}

        static boolean contains(String cidr, InetAddress address) {
            int slash = cidr.indexOf('/');
            try {
                byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                int bits = Integer.parseInt(cidr.substring(slash + 1));
                byte[] a = address.getAddress();
                if (net.length != a.length || bits < 0 || bits > a.length * 8) {
                    return false;
                }
                for (int i = 0; i < bits; i++) {
                    int mask = 0x80 >> (i % 8);
                    if ((net[i / 8] & mask) != (a[i / 8] & mask)) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException | NumberFormatException | StringIndexOutOfBoundsException e) {
                return false;
            }
        }
    }
}

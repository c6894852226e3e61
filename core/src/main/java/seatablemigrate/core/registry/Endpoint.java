package seatablemigrate.core.registry;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.spi.RegistrySettings;

/**
 * One place that may answer for a repository: a base URL, the registry name it stands for (credentials and messages),
 * whether plain HTTP is allowed there as Docker allows it, and whether it is a Docker Hub mirror.
 */
record Endpoint(URI base, String registry, boolean plainHttpAllowed, boolean mirror) {
    static final String DOCKER_HUB = "docker.io";
    private static final URI DOCKER_HUB_API = URI.create("https://registry-1.docker.io");
    /** Where a Docker Hub credential may go as the registry's own host (its token service is a realm elsewhere, over HTTPS). */
    private static final Set<String> DOCKER_HUB_HOSTS = Set.of("registry-1.docker.io", "index.docker.io", "docker.io");

    /** What the user reads: the mirror's URL, or the registry's name. */
    String describe() {
        return mirror ? "mirror " + base : registry.equals(DOCKER_HUB) ? "Docker Hub" : registry;
    }

    /**
     * Why a request to {@code target} must not carry the credential stored for {@link #registry()}, or empty when it
     * may: never to a mirror (every Docker Hub mirror stands for {@code docker.io}, but the user stored the credential
     * for Docker Hub, not for whatever the host's engine names), only to the registry's own host, and only over HTTPS
     * or to loopback, so that nobody on the way reads it.
     */
    Optional<String> credentialWithheld(URI target) {
        if (mirror) {
            return Optional.of("a credential is not sent to a mirror");
        }
        if (!ownHost(target.getHost())) {
            return Optional.of("a credential is not sent to another host");
        }
        return confidential(target) ? Optional.empty() : Optional.of("a credential is not sent over plain HTTP (only to loopback)");
    }

    /**
     * Why the token realm a registry named in its challenge to {@code asked} must not receive the credential, or empty
     * when it may: only when the registry itself could receive it ({@link #credentialWithheld}: not a mirror, its own
     * host, a challenge nobody on the way could have written); a realm on the registry's own host then on the same
     * terms, a realm elsewhere (Docker Hub's {@code auth.docker.io}, GitLab's) only over HTTPS.
     */
    Optional<String> realmWithheld(URI asked, URI realm) {
        Optional<String> registryWithheld = credentialWithheld(asked);
        if (registryWithheld.isPresent()) {
            return registryWithheld;
        }
        if (ownHost(realm.getHost())) {
            return confidential(realm) ? Optional.empty() : Optional.of("a credential is not sent over plain HTTP (only to loopback)");
        }
        return "https".equalsIgnoreCase(realm.getScheme()) ? Optional.empty()
                : Optional.of("a credential is not sent to a token service on another host over plain HTTP");
    }

    /** Whether {@code host} is the registry's own: its name, or for Docker Hub its API's and index's names. */
    private boolean ownHost(String host) {
        if (host == null) {
            return false;
        }
        String h = unbracketed(host);
        if (registry.equals(DOCKER_HUB)) {
            return DOCKER_HUB_HOSTS.contains(h.toLowerCase(Locale.ROOT));
        }
        return h.equalsIgnoreCase(hostOf(registry));
    }

    /** HTTPS, or plain HTTP to this machine's loopback (which nobody else can read). */
    private static boolean confidential(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && loopback(unbracketed(uri.getHost())));
    }

    /** {@code localhost} or a loopback literal ({@code 127.0.0.0/8}, {@code ::1}). */
    static boolean loopback(String host) {
        return host.equalsIgnoreCase("localhost")
                || literal(host).filter(a -> Cidr.contains("127.0.0.0/8", a) || Cidr.contains("::1/128", a)).isPresent();
    }

    /**
     * The address a literal IPv4 or IPv6 host names; empty for a name, which is never resolved here: the engine
     * resolves it on its side, and resolving it here could differ.
     */
    private static Optional<InetAddress> literal(String host) {
        if (!host.matches("[0-9.]+|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
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

    /** A mirror's base URL from the engine's settings (the host's words): its scheme, host and port; else nothing. */
    private static Optional<URI> parseBase(String text) {
        try {
            URI u = URI.create(text.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return u.getHost() != null && (scheme.equals("https") || scheme.equals("http"))
                    ? Optional.of(URI.create(scheme + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()))) : Optional.empty();
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
        if (loopback(host)) {
            return true;
        }
        return literal(host).filter(a -> settings.insecure().stream().filter(i -> i.contains("/")).anyMatch(r -> Cidr.contains(r, a))).isPresent();
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

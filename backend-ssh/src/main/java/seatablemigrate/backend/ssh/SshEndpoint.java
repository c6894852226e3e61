package seatablemigrate.backend.ssh;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import seatablemigrate.core.UsageException;

/** Where to connect: host, port and user, from {@code ssh://user@host:port}, {@code user@host} or {@code host}. */
public record SshEndpoint(String host, int port, Optional<String> user) {
    private static final Pattern URL = Pattern.compile("ssh://(?:([^@/]+)@)?(\\[[^]]+]|[^:/@]+)(?::(\\d{1,5}))?/?");
    private static final Pattern SHORT = Pattern.compile("(?:([^@/:]+)@)?([^:/@\\s]+)");
    /** {@code [user@]host:port}, as ProxyJump hops are written. */
    private static final Pattern HOP = Pattern.compile("(?:([^@/:]+)@)?([^:/@\\s]+|\\[[^]]+]):(\\d{1,5})");

    public SshEndpoint {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        if (port < 1 || port > 65535) {
            throw new UsageException("SSH port " + port + " is out of range");
        }
    }

    /** Parses a target; the port defaults to 22 and the user is left to ssh_config or the login name. */
    public static SshEndpoint parse(String target) {
        Matcher url = URL.matcher(target);
        if (url.matches()) {
            String host = url.group(2).startsWith("[") ? url.group(2).substring(1, url.group(2).length() - 1) : url.group(2);
            return new SshEndpoint(host, url.group(3) == null ? 22 : Integer.parseInt(url.group(3)), Optional.ofNullable(url.group(1)));
        }
        Matcher s = SHORT.matcher(target);
        if (s.matches()) {
            return new SshEndpoint(s.group(2), 22, Optional.ofNullable(s.group(1)));
        }
        Matcher hop = HOP.matcher(target);
        if (hop.matches()) {
            String host = hop.group(2).startsWith("[") ? hop.group(2).substring(1, hop.group(2).length() - 1) : hop.group(2);
            return new SshEndpoint(host, Integer.parseInt(hop.group(3)), Optional.ofNullable(hop.group(1)));
        }
        throw new UsageException("'" + target + "' is not an SSH target: use ssh://user@host:port, user@host, host or a Host alias");
    }

    /** Whether a target names its port itself ({@code ssh://host:port}, {@code host:port}): then it wins over ssh_config. */
    public static boolean hasPort(String target) {
        Matcher url = URL.matcher(target);
        return url.matches() ? url.group(3) != null : HOP.matcher(target).matches();
    }

    /** The name known_hosts uses: {@code host} on port 22, else {@code [host]:port}. */
    public String knownHostsName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }
}

package seatablemigrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace for the tool's side of an SSH test: a veth pair links it to this machine's {@value #HOST_ADDRESS},
 * where the test sshd listens, and that is all it reaches. The registries on this machine's loopback, which the "remote"
 * host's engine and curl reach, are out of its reach: the situation of an admin whose laptop cannot see the registry
 * that the server uses.
 */
final class ToolNetns implements AutoCloseable {
    static final String NAME = "smt-tool";
    static final String HOST_ADDRESS = "10.231.0.1";
    private static final String HOST_LINK = "smt-h0";
    private static final String TOOL_LINK = "smt-t0";

    private ToolNetns() {}

    static ToolNetns create() {
        removeLeftovers();
        ip("netns", "add", NAME);
        ip("link", "add", HOST_LINK, "type", "veth", "peer", "name", TOOL_LINK);
        ip("link", "set", TOOL_LINK, "netns", NAME);
        ip("addr", "add", HOST_ADDRESS + "/30", "dev", HOST_LINK);
        ip("link", "set", HOST_LINK, "up");
        ip("-n", NAME, "addr", "add", "10.231.0.2/30", "dev", TOOL_LINK);
        ip("-n", NAME, "link", "set", TOOL_LINK, "up");
        ip("-n", NAME, "link", "set", "lo", "up");
        return new ToolNetns();
    }

    /** {@code command} run inside the namespace. */
    List<String> inside(List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", NAME));
        all.addAll(command);
        return all;
    }

    private static void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        ComposeProject.Docker.ok(Path.of("/"), 10, argv.toArray(String[]::new));
    }

    private static void removeLeftovers() {
        ComposeProject.Docker.run(Path.of("/"), 10, "ip", "link", "del", HOST_LINK);
        ComposeProject.Docker.run(Path.of("/"), 10, "ip", "netns", "del", NAME);
    }

    @Override
    public void close() {
        removeLeftovers();
    }
}

package seatablemigrate.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The two ways Compose is installed: the v2 CLI plugin ({@code docker compose}) or the standalone v1 binary. */
public enum ComposeCli {
    PLUGIN(List.of("docker", "compose")),
    STANDALONE(List.of("docker-compose"));

    private final List<String> argv;

    ComposeCli(List<String> argv) {
        this.argv = argv;
    }

    /** The command words before Compose's own arguments. */
    public List<String> argv() {
        return argv;
    }

    public String spelling() {
        return String.join(" ", argv);
    }

    /** The Compose spelled {@code spelling} ({@code docker compose} or {@code docker-compose}); empty for anything else. */
    public static Optional<ComposeCli> ofSpelling(String spelling) {
        return Arrays.stream(values()).filter(c -> c.spelling().equals(spelling)).findFirst();
    }
}

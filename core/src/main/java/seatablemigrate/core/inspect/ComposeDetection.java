package seatablemigrate.core.inspect;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.HostBackend;

/**
 * Which Compose works on a host (the v2 plugin first, v1 only where the plugin is missing, as the preference says)
 * and what its {@code config} answers: the one place that tells "Compose is missing" from "the project has an error".
 */
final class ComposeDetection {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HostBackend host;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    ComposeDetection(HostBackend host) {
        this.host = requireNonNull(host, "host is null");
    }

    /**
     * Finds Compose and resolves the configuration in one call per candidate: {@code config} with the v2 plugin, and
     * only when the plugin is missing with v1. Empty (and a problem) when none works.
     */
    Optional<Map.Entry<ComposeCli, ComposeServices>> configWithDetection(Path dir, ComposePreference preference,
                                                                                    List<String> problems) {
        List<String> tried = new ArrayList<>();
        for (ComposeCli cli : preference.candidates()) {
            ExecResult r;
            try {
                r = host.composeQuery(cli, dir, Map.of(), List.of("config"), TIMEOUT);
            } catch (HostUnavailableException e) {
                tried.add("'" + cli.spelling() + "' (" + e.getMessage() + ")");
                continue;
            }
            if (missing(r)) {
                tried.add("'" + cli.spelling() + "' (" + r.describe() + ")");
                continue;
            }
            return Optional.of(Map.entry(cli, services(cli, dir, r, problems)));
        }
        problems.add("no working Docker Compose on " + host.describe() + ": tried " + String.join(", ", tried));
        return Optional.empty();
    }

    /** The command itself is missing (not: the project has an error). */
    private static boolean missing(ExecResult r) {
        String err = r.stderr();
        return r.exitCode().isEmpty() || r.exitCode().getAsInt() == 127 || err.contains("is not a docker command")
                || err.contains("unknown command") || err.contains("not found");
    }

    /** The first Compose of the preference's candidates that answers {@code version}; empty (and a problem) when none does. */
    Optional<ComposeCli> detect(ComposePreference preference, List<String> problems) {
        Path cwd = Path.of("/");
        List<String> tried = new ArrayList<>();
        for (ComposeCli cli : preference.candidates()) {
            try {
                ExecResult r = host.composeQuery(cli, cwd, Map.of(), List.of("version"), TIMEOUT);
                if (r.succeeded()) {
                    return Optional.of(cli);
                }
                tried.add("'" + cli.spelling() + "' (" + r.describe() + ")");
            } catch (HostUnavailableException e) {
                tried.add("'" + cli.spelling() + "' (" + e.getMessage() + ")");
            }
        }
        problems.add("no working Docker Compose on " + host.describe() + ": tried " + String.join(", ", tried));
        return Optional.empty();
    }

    /** The services a {@code config} answer describes; its output holds secrets and is not kept. */
    ComposeServices services(ComposeCli cli, Path dir, ExecResult r, List<String> problems) {
        if (!r.succeeded()) {
            // stderr of config names files and keys, not values.
            problems.add("'" + cli.spelling() + " config' failed in " + dir + " (" + r.describe() + ")");
            return ComposeServices.NONE;
        }
        try {
            return ComposeServices.read(yaml.readTree(r.stdout()));
        } catch (IOException e) {
            problems.add("the output of '" + cli.spelling() + " config' could not be read as YAML");
            return ComposeServices.NONE;
        }
    }
}

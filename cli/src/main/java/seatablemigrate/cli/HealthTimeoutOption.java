package seatablemigrate.cli;

import java.time.Duration;
import picocli.CommandLine.Option;
import seatablemigrate.core.plan.MigrationRequest;

/** {@code --health-timeout}: one declaration for every command that starts SeaTable and waits for it (a picocli mixin). */
final class HealthTimeoutOption {
    @Option(names = "--health-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for SeaTable to become healthy, e.g. 90s, 5m (default: 5m, for an upgrade 30m; at most 24h).")
    private Duration healthTimeout;

    /** The wait, held to the rule a plan file's health timeout follows too ({@link MigrationRequest#checkHealthTimeout}). */
    Duration duration() {
        return duration(MigrationRequest.DEFAULT_HEALTH_TIMEOUT);
    }

    /** The wait given, else {@code fallback} (an upgrade waits longer: it migrates the databases first). */
    Duration duration(Duration fallback) {
        return MigrationRequest.checkHealthTimeout(healthTimeout == null ? fallback : healthTimeout, "--health-timeout");
    }
}

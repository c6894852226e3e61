package seatablemigrate.cli;

import java.time.Duration;
import picocli.CommandLine.Option;
import seatablemigrate.core.plan.MigrationRequest;

/** {@code --health-timeout}: one declaration for every command that starts SeaTable and waits for it (a picocli mixin). */
final class HealthTimeoutOption {
    @Option(names = "--health-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for SeaTable to become healthy, e.g. 90s, 5m (default: 5m).")
    private Duration healthTimeout = MigrationRequest.DEFAULT_HEALTH_TIMEOUT;

    /** The longest wait accepted: a day covers the largest sites; more is a typo (and would overflow the wait). */
    static final Duration MAX = Duration.ofHours(24);

    Duration duration() {
        if (healthTimeout.compareTo(MAX) > 0) {
            throw new seatablemigrate.core.UsageException("--health-timeout " + healthTimeout.toHours() + "h is longer than the"
                    + " maximum of " + MAX.toHours() + "h");
        }
        return healthTimeout;
    }
}

package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long the tool waits, as people read it: in whole hours ({@code 24 h}), else in whole minutes ({@code 5 min}),
 * else in seconds ({@code 90 s}). The one spelling of a wait in plans, reports and messages.
 */
public record WaitTime(Duration duration) {
    public WaitTime {
        requireNonNull(duration, "duration is null");
    }

    @Override
    public String toString() {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}

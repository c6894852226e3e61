package seatablemigrate.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A container as the engine reports it.
 *
 * @param name    container name without leading slash
 * @param image   the image reference the container was created from, as written in its config
 * @param imageId the image's ID ({@code sha256:...})
 * @param status  engine state: running, exited, restarting, created, paused, dead
 * @param health  healthcheck status
 * @param labels  container labels (Compose's among them)
 * @param mounts  bind mounts: container destination to host source
 * @param id      the container's ID, empty when not observed (offline)
 * @param startedAt when the engine last started it ({@code State.StartedAt}), empty when never started or not observed
 */
public record ContainerState(String name, String image, String imageId, String status, Health health,
                             Map<String, String> labels, Map<String, String> mounts, String id, Optional<Instant> startedAt) {
    public static final String LABEL_PROJECT = "com.docker.compose.project";
    public static final String LABEL_SERVICE = "com.docker.compose.service";
    public static final String LABEL_WORKING_DIR = "com.docker.compose.project.working_dir";

    public enum Health {
        NONE, STARTING, HEALTHY, UNHEALTHY;

        /** Docker's {@code State.Health.Status} word; anything else (no healthcheck) is NONE. */
        public static Health fromDocker(String status) {
            return switch (status == null ? "" : status) {
                case "healthy" -> HEALTHY;
                case "unhealthy" -> UNHEALTHY;
                case "starting" -> STARTING;
                default -> NONE;
            };
        }
    }

    public ContainerState {
        requireNonNull(name, "name is null");
        requireNonNull(image, "image is null");
        requireNonNull(imageId, "imageId is null");
        requireNonNull(status, "status is null");
        requireNonNull(health, "health is null");
        labels = Map.copyOf(labels);
        mounts = Map.copyOf(mounts);
        requireNonNull(id, "id is null");
        requireNonNull(startedAt, "startedAt is null");
    }

    /**
     * Docker's {@code State.StartedAt} ({@code 2026-11-30T10:02:11.123456789Z}); empty for the zero time of a container
     * that never started, and for anything that is not such a time (an engine's answer is data).
     */
    public static Optional<Instant> startedAt(String dockerTime) {
        try {
            Instant t = Instant.parse(dockerTime == null ? "" : dockerTime);
            return t.getEpochSecond() <= 0 ? Optional.empty() : Optional.of(t);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public boolean isRunning() {
        return status.equals("running");
    }

    public Optional<String> service() {
        return Optional.ofNullable(labels.get(LABEL_SERVICE));
    }

    /** One word for reports: "healthy", "starting", "unhealthy", "running" (no healthcheck) or the engine state. */
    public String condition() {
        if (!isRunning()) {
            return status;
        }
        return health == Health.NONE ? "running" : health.name().toLowerCase(Locale.ROOT);
    }
}

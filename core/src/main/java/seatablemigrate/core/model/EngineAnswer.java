package seatablemigrate.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the Docker engine said when asked for its version: the version, or why it did not answer (then nothing that
 * needs it was observed: containers, {@code /server-info/}, the database, images). Offline it is not asked.
 *
 * @param version the engine's version, when it answered
 * @param cause   why it did not answer, in the backend's words with what to do on the host; empty when it answered or
 *                was not asked
 */
public record EngineAnswer(Optional<String> version, Optional<String> cause) {
    /** The other way when the engine is down: plan from a copy of the compose directory (runs with the capitals filled in). */
    public static final String PLAN_FROM_A_COPY = "seatable-migrate plan --offline --from COPY --to EDITION --version X.Y.Z";
    /** Offline: the engine is not asked. */
    public static final EngineAnswer NOT_ASKED = new EngineAnswer(Optional.empty(), Optional.empty());

    public EngineAnswer {
        requireNonNull(version, "version is null");
        requireNonNull(cause, "cause is null");
        if (version.isPresent() && cause.isPresent()) {
            throw new IllegalArgumentException("an engine that answered has no cause of silence");
        }
    }

    public static EngineAnswer answered(String version) {
        return new EngineAnswer(Optional.of(version), Optional.empty());
    }

    public static EngineAnswer silent(String cause) {
        return new EngineAnswer(Optional.empty(), Optional.of(cause));
    }

    /** Asked, and did not answer. */
    public boolean silent() {
        return cause.isPresent();
    }

    /** The one line a user sees when the engine did not answer: the cause, what to do, and the way without it. */
    public Optional<String> problem() {
        return cause.map(c -> c + ", or plan from a copy: " + PLAN_FROM_A_COPY);
    }
}

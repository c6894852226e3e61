package seatablemigrate.core.spi;

import java.util.List;

/**
 * A change to the host. Every change is a value with one canonical shell form ({@link #shell()}): a live backend
 * performs exactly what that form says, a dry-run backend records it. Nothing else on the host is ever changed.
 * Renderings never contain secrets: a change that needs one refers to where it is read on the host. The kinds come in
 * three groups: {@link EngineChange} (Compose, pulls, container streams), {@link FileChange} (content known up front)
 * and {@link FileEdit} (content the host works out).
 */
public sealed interface Change permits EngineChange, FileChange, FileEdit {

    /**
     * The canonical shell form of this change (one or more lines) for the host's toolset: POSIX sh and utilities,
     * plus {@code sha256sum}, {@code readlink -f} (POSIX.1-2024), {@code tail -c} and {@code base64}, which GNU
     * coreutils and BusyBox both have; a Docker host has one of the two. {@code ChangeParityTest} runs every file
     * change's form under both.
     */
    String shell();

    /** Short human description for progress output. */
    String describe();

    /** Hands this change to the visitor's method for its kind. */
    <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X;

    /**
     * One method per kind of change. A backend that performs changes implements it, so that a new kind of change fails
     * to compile in every backend until each says how it performs it (no run-time "unknown change").
     *
     * @param <R> what performing a change returns
     * @param <X> the checked exception performing may throw
     */
    interface Visitor<R, X extends Exception> {
        R compose(EngineChange.Compose change) throws X;

        R fileToContainer(EngineChange.FileToContainer change) throws X;

        R pullImage(EngineChange.PullImage change) throws X;

        R makeDirectory(FileChange.MakeDirectory change) throws X;

        R copyFile(FileChange.CopyFile change) throws X;

        R writeFile(FileChange.WriteFile change) throws X;

        R removeFile(FileChange.RemoveFile change) throws X;

        R removeDirectory(FileChange.RemoveDirectory change) throws X;

        R setEnvValue(FileEdit.SetEnvValue change) throws X;

        R addGeneratedSecret(FileEdit.AddGeneratedSecret change) throws X;

        R containerToFile(EngineChange.ContainerToFile change) throws X;

        R writeChecksums(FileEdit.WriteChecksums change) throws X;

        R appendJournalLine(FileEdit.AppendJournalLine change) throws X;
    }

    /** Environment variables that must not leak from the caller into Compose: {@code .env} has to decide them. */
    List<String> COMPOSE_ENV_UNSET = List.of("SEATABLE_IMAGE", "COMPOSE_FILE", "COMPOSE_PATH_SEPARATOR", "COMPOSE_PROJECT_NAME");
}

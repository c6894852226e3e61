package seatablemigrate.core.workflow;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import seatablemigrate.core.ThreadPerTask;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.run.Journal;

/**
 * What {@code status} shows of a host, asked at once ({@link Workflow#status}): the installation, observed when this is
 * returned, and the releases of its MAJOR.MINOR and the unfinished runs, answered when they are taken. A question that
 * failed fails where its answer is taken, as it did when it was asked after the one before.
 */
public final class Status {
    private final Installation installation;
    private final CompletableFuture<List<String>> releases;
    private final CompletableFuture<List<Journal.Unfinished>> unfinishedRuns;

    Status(Installation installation, CompletableFuture<List<String>> releases, CompletableFuture<List<Journal.Unfinished>> unfinishedRuns) {
        this.installation = requireNonNull(installation, "installation is null");
        this.releases = requireNonNull(releases, "releases is null");
        this.unfinishedRuns = requireNonNull(unfinishedRuns, "unfinishedRuns is null");
    }

    public Installation installation() {
        return installation;
    }

    /**
     * For each edition, the versions of the running MAJOR.MINOR that the registry of the configured image and the
     * local images know, newest first (a registry that did not answer in time says so); empty when the version is
     * unknown or the engine did not answer.
     */
    public List<String> releases() {
        return ThreadPerTask.join(releases);
    }

    /** The unresolved runs of the compose directory, as {@link Workflow#unfinishedRuns} finds them. */
    public List<Journal.Unfinished> unfinishedRuns() {
        return ThreadPerTask.join(unfinishedRuns);
    }
}

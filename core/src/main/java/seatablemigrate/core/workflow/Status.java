package seatablemigrate.core.workflow;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import seatablemigrate.core.ThreadPerTask;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Runner;

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

    /**
     * A warning for each unresolved run of the compose directory ({@link #unfinishedRuns}): what it is, and that the next
     * {@code migrate} or {@code rollback} resolves it.
     */
    public List<String> unfinishedRunWarnings() {
        return unfinishedRuns().stream().map(u -> (u.needsAttention() ? "unresolved run " : "interrupted run ") + u.runDir() + " ("
                + u.describe() + "); the next 'migrate' or 'rollback' completes or rolls it back").toList();
    }

    /**
     * How {@code status} ends: refused when the Docker engine does not answer (its cause and what to do are the
     * installation's first problem, said once) or when the installation has problems; otherwise done, naming what runs
     * and how its container is.
     */
    public Runner.Result result() {
        Installation i = installation;
        if (i.engine().silent()) {
            return new Runner.Result(Outcome.REFUSED, "the Docker engine does not answer (see above): containers, health, /server-info/"
                    + " and the database are not observed");
        }
        if (!i.problems().isEmpty()) {
            return new Runner.Result(Outcome.REFUSED, String.join("; ", i.problems()));
        }
        return new Runner.Result(Outcome.DONE, "SeaTable: " + runs(i) + i.seatable().map(c -> ", " + c.condition()).orElse(", not running"));
    }

    /**
     * How {@code status --offline} ends for what a copy of the compose directory says ({@link Workflow#inspectOffline}):
     * refused when the copy has problems; otherwise done, naming the edition and version it records.
     */
    public static Runner.Result ofCopy(Installation copy) {
        if (!copy.problems().isEmpty()) {
            return new Runner.Result(Outcome.REFUSED, String.join("; ", copy.problems()));
        }
        return new Runner.Result(Outcome.DONE, "the copy says: " + runs(copy) + " (offline: containers, health and the database are not observed)");
    }

    /** "Developer Edition 5.3.0", "Enterprise Edition ?" or "edition unknown". */
    private static String runs(Installation i) {
        return i.state().edition().map(e -> e.displayName() + " " + i.state().version().map(Object::toString).orElse("?")).orElse("edition unknown");
    }
}

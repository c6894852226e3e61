package seatablemigrate.core.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.RollbackSteps;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.plan.Target;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.HostBackend;

/**
 * Executes steps in order with a journal line before and after each; on failure or Ctrl-C after the stack was
 * touched it walks the rollback steps and proves the previous state. The outcome decides the exit code.
 */
public final class Runner {
    private static final Duration CHANGE_TIMEOUT = Duration.ofMinutes(30);

    private final HostBackend host;
    private final Interruption interruption;
    private final RunMode mode;
    private final Verifier verifier;
    /** Rollback waits are not cut short by Ctrl-C: stopping half-way would leave the host worse off. */
    private final Verifier uninterruptibleVerifier;

    /** A live runner. */
    public Runner(HostBackend host, Interruption interruption) {
        this(host, RunMode.LIVE, interruption);
    }

    /** A runner in {@code mode}: a dry-run records step boundaries and verifications into its recorder. */
    public Runner(HostBackend host, RunMode mode, Interruption interruption) {
        this.host = requireNonNull(host, "host is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.interruption = requireNonNull(interruption, "interruption is null");
        this.verifier = new Verifier(host, interruption);
        this.uninterruptibleVerifier = new Verifier(host, new Interruption());
    }

    /** The result of a run: the outcome and, when it is not DONE, what happened and what to do. */
    public record Result(Outcome outcome, String message) {}

    public Result run(MigrationPlan plan, Reporter reporter) {
        Journal journal = new Journal(host, plan.runDir());
        Path dir = plan.installation().composeDir();
        String service = plan.installation().seatableService().orElseThrow();
        boolean stackTouched = false;
        boolean journalReady = false;
        List<String> done = new ArrayList<>();
        for (Step step : plan.steps()) {
            Optional<String> failure;
            if (interruption.requested()) {
                failure = Optional.of(interruption.reason());
            } else {
                stackTouched |= step.changesStack();
                if (journalReady) {
                    journal.write(Journal.BEGIN, step.id(), step.title());
                }
                failure = execute(step, dir, service, reporter, verifier);
                // The journal lives in the run folder, which the step 'prepare' creates (after the pull, if any).
                if (!journalReady && failure.isEmpty() && step.kind() == StepId.PREPARE) {
                    journalReady = true;
                    Target t = plan.target().orElseThrow();
                    journal.writeRun(dir, plan.installation().state().edition().orElseThrow().id() + ":" + plan.installation().state().version().orElseThrow(),
                            t.edition().id() + ":" + t.version());
                }
                if (journalReady) {
                    journal.write(failure.isEmpty() ? Journal.DONE : Journal.FAILED, step.id(), failure.orElse(""));
                }
                if (failure.isEmpty()) {
                    done.add(step.id());
                }
            }
            if (failure.isPresent()) {
                boolean interrupted = interruption.requested();
                reporter.stepFailed(step, failure.get());
                String cause = "step '" + step.id() + "' failed: " + failure.get() + "; steps done before: "
                        + (done.isEmpty() ? "none" : String.join(", ", done));
                Result result = stackTouched ? rollback(plan, reporter, cause, interrupted)
                        : new Result(interrupted ? interruption.outcome() : Outcome.FAILED_UNCHANGED,
                        "step '" + step.id() + "' failed: " + failure.get() + "; nothing was changed: "
                                + "SeaTable still runs the " + plan.installation().state().edition().orElseThrow().displayName() + ".");
                if (journalReady) {
                    journal.write(Journal.END, result.outcome().name(), "");
                }
                return result;
            }
        }
        Optional<KeptContainers> others = othersKept(plan, reporter);
        journal.write(Journal.END, Outcome.DONE.name(), "");
        Target t = plan.target().orElseThrow();
        return new Result(Outcome.DONE, "SeaTable now runs the " + t.edition().displayName() + " " + t.version()
                + " (" + t.image() + "), healthy. " + others.map(k -> (k.kept() ? "" : "But: ") + k.message() + ". ").orElse("")
                + "Backup and journal: " + plan.runDir());
    }

    /**
     * After a switch that brought up only SeaTable's service: whether every other container of the project is the one,
     * started at the time, that inspection saw. Said as a passed line or a warning; nothing to roll back either way. Not
     * asked after a full restart (it restarts them all on purpose), after new release files (the project comes up on them) nor
     * in a dry-run (nothing ran).
     */
    private Optional<KeptContainers> othersKept(MigrationPlan plan, Reporter reporter) {
        if (plan.request().fullRestart() || recorder().isPresent() || plan.steps().stream().anyMatch(s -> s.kind() == StepId.RELEASE_FILES)) {
            return Optional.empty();
        }
        var inst = plan.installation();
        KeptContainers k;
        try {
            k = KeptContainers.compare(inst.otherContainers(), host.containers(Map.of(
                    ContainerState.LABEL_WORKING_DIR, inst.composeDir().toString())).stream()
                    .filter(c -> !c.service().equals(inst.seatableService())).toList());
        } catch (MigrateException e) {
            k = new KeptContainers(false, "whether the other containers kept running could not be checked (" + e.getMessage() + ")");
        }
        if (k.kept()) {
            reporter.info(k.message());
        } else {
            reporter.warn(k.message());
        }
        return Optional.of(k);
    }

    /** Applies one step's changes and its verification; returns why it failed, if it did. */
    Optional<String> execute(Step step, Path composeDir, String service, Reporter reporter, Verifier verifier) {
        reporter.stepStarted(step);
        Optional<Recorder> recorder = recorder();
        recorder.ifPresent(r -> r.stepStarted(step));
        long start = System.nanoTime();
        try {
            for (Change c : step.changes()) {
                reporter.change(c);
                host.apply(c, CHANGE_TIMEOUT, (done, total, unit, note) -> reporter.progress(c.describe(), done, total, unit, note));
            }
            if (step.verification().isPresent() && recorder.isPresent()) {
                recorder.get().verified(step.verification().get());
            } else if (step.verification().isPresent()) {
                Optional<String> failed = verifier.verify(step.verification().get(), composeDir, service, reporter);
                if (failed.isPresent()) {
                    return failed;
                }
            }
        } catch (MigrateException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            // Anything else (a file edited during the run that no longer parses, an arithmetic overflow, a bug) is a
            // failure of this step like any other: after the first change it must reach the rollback. Messages of
            // the tool's own types never hold values from .env.
            return Optional.of("unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        reporter.stepFinished(step, Duration.ofNanos(System.nanoTime() - start));
        return Optional.empty();
    }

    /** A dry-run records; verifications are then recorded too, not waited for. */
    private Optional<Recorder> recorder() {
        return mode.recorder();
    }

    private Result rollback(MigrationPlan plan, Reporter reporter, String cause, boolean interrupted) {
        reporter.warn("the " + plan.request().intent() + " failed (" + cause + "); rolling back to the "
                + plan.installation().state().edition().orElseThrow().displayName() + " " + plan.installation().state().version().orElseThrow());
        Result r = rollback(plan.rollback(), new Journal(host, plan.runDir()), plan.installation().composeDir(),
                plan.installation().seatableService().orElseThrow(), plan.runDir(), reporter, "the " + plan.request().intent() + " failed (" + cause + ")");
        if (r.outcome() == Outcome.ROLLED_BACK && interrupted) {
            return new Result(interruption.outcome(), r.message());
        }
        return r;
    }

    /**
     * Walks rollback steps; ROLLED_BACK when the previous state is proven, else NEEDS_ATTENTION with the host's state.
     * The one walk of compensations: a failed switch, a recovered run and a return to a backup all end here, with the
     * same journal lines and the same proof.
     *
     * @param context what led here, the start of every message ("the switch failed (...)")
     */
    public Result rollback(List<Step> steps, Journal journal, Path composeDir, String service, Path runDir, Reporter reporter, String context) {
        boolean data = RollbackSteps.loadsDump(steps);
        for (Step step : steps) {
            journal.write(Journal.BEGIN, step.id(), step.title());
            // Rollback runs even after Ctrl-C: stopping half-way would leave the host worse off.
            Optional<String> failure = execute(step, composeDir, service, reporter, uninterruptibleVerifier);
            journal.write(failure.isEmpty() ? Journal.DONE : Journal.FAILED, step.id(), failure.orElse(""));
            if (failure.isPresent()) {
                reporter.stepFailed(step, failure.get());
                return new Result(Outcome.NEEDS_ATTENTION, context + ", and the rollback failed at '"
                        + step.id() + "' (" + failure.get() + "). State: " + describeState(step) + " The original .env, license and"
                        + " compose files are in " + new RunFolder(runDir).config() + " and the journal in " + new RunFolder(runDir).journal()
                        + ". To recover, run: " + RunPointer.rollbackCommand(host, composeDir, runDir) + (data ? " --restore-database" : "")
                        + " (it restores them, starts SeaTable and proves it healthy; the next 'migrate' offers the same). By hand: "
                        + (data ? "with SeaTable stopped, load " + new RunFolder(runDir).dump() + " into MariaDB, copy the files of "
                        + new RunFolder(runDir).seatableConf() + " back into SeaTable's configuration folder (seatable/conf in its /shared"
                        + " volume) and those of " + new RunFolder(runDir).config() + " into " + composeDir + ", then run 'docker compose up -d'"
                        + " there (the previous release does not start on the migrated databases and their stamp)."
                        : "copy them back into " + composeDir + " and run 'docker compose up -d' there."));
            }
        }
        return new Result(Outcome.ROLLED_BACK, context + "; rolled back: the previous " + (data ? "release" : "edition") + " runs and is healthy, "
                + ".env and the license are restored byte for byte" + (data ? ", the databases from the dump and SeaTable's configuration"
                + " folder from the backup" : "") + ". Journal: " + new RunFolder(runDir).journal());
    }

    private static String describeState(Step failed) {
        return switch (failed.kind()) {
            case ROLLBACK_STOP -> "the target may still be running (stop failed).";
            case RESTORE_DATABASE -> "SeaTable is stopped; the databases may be partly loaded from the dump (load it again).";
            case ROLLBACK_RESTORE -> "SeaTable is stopped; .env or the license (or SeaTable's configuration folder) may still be the target's.";
            case ROLLBACK_START -> "SeaTable is stopped; .env and the license are restored.";
            default -> "the previous edition or release was started with the restored .env but did not prove healthy.";
        };
    }
}

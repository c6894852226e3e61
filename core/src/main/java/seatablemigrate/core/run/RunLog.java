package seatablemigrate.core.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.Secret;
import seatablemigrate.core.model.SecretMask;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.ProgressListener;

/**
 * The run's log beside its backup ({@code seatable-migrate.log}): every event as one timestamped line, with every
 * secret value from {@code .env} masked wherever it appears. Passes each event on to the reporter it wraps. Lines
 * are kept until the run folder exists, then written through the host backend.
 */
public final class RunLog implements Reporter {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final Reporter next;
    private final HostBackend host;
    private final List<String> pending = new ArrayList<>();
    private SecretMask secrets = SecretMask.NONE;
    private Path file;
    private boolean open;
    private boolean broken;
    private long lastProgress = System.nanoTime() - PROGRESS_EVERY_NANOS; // the first progress line is written at once

    public RunLog(Reporter next, HostBackend host) {
        this.next = requireNonNull(next, "next is null");
        this.host = requireNonNull(host, "host is null");
    }

    /** The values to mask (longest first, so that one secret containing another is masked whole). */
    public synchronized void secrets(List<Secret> values) {
        secrets = new SecretMask(values);
    }

    /** Where the log goes; lines are written once the run folder has been created (after the step 'prepare'). */
    public synchronized void runDir(Path runDir) {
        file = new RunFolder(runDir).log();
    }

    /** The text with every secret masked ({@link SecretMask}). */
    synchronized String mask(String text) {
        return secrets.mask(text);
    }

    private synchronized void line(String text) {
        String masked = mask(text.replace('\n', ' '));
        if (open) {
            write(masked);
        } else {
            pending.add(masked);
        }
    }

    /** A log that cannot be written (the host is gone) stops logging; it never stops the run. */
    private void write(String masked) {
        if (broken) {
            return;
        }
        try {
            host.apply(new FileEdit.AppendJournalLine(file, masked), TIMEOUT, ProgressListener.NONE);
        } catch (MigrateException e) {
            broken = true;
        }
    }

    @Override
    public void planned(MigrationPlan plan) {
        next.planned(plan);
    }

    @Override
    public void check(CheckResult result) {
        line("check " + result.name() + " " + result.status().word() + ": " + result.message());
        next.check(result);
    }

    @Override
    public void stepStarted(Step step) {
        line("step " + step.id() + " started: " + step.title());
        next.stepStarted(step);
    }

    @Override
    public void stepFinished(Step step, Duration took) {
        synchronized (this) {
            if (!open && file != null && step.kind() == StepId.PREPARE) {
                open = true;
                pending.forEach(this::write);
                pending.clear();
            }
        }
        line("step " + step.id() + " finished in " + took.toMillis() + " ms");
        next.stepFinished(step, took);
    }

    @Override
    public void stepFailed(Step step, String reason) {
        line("step " + step.id() + " FAILED: " + reason);
        next.stepFailed(step, reason);
    }

    @Override
    public void change(Change change) {
        line("change: " + change.shell());
        next.change(change);
    }

    @Override
    public void progress(String what, long done, long total, String unit, String note) {
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            line("progress " + what + ": " + done + (total >= 0 ? " of " + total : "") + " " + unit + (note.isEmpty() ? "" : ", " + note));
        }
        next.progress(what, done, total, unit, note);
    }

    @Override
    public void info(String message) {
        line("info: " + message);
        next.info(message);
    }

    @Override
    public void warn(String message) {
        line("warning: " + message);
        next.warn(message);
    }

    /** The final line of a run. */
    public void result(Runner.Result result) {
        line("result " + result.outcome().name() + ": " + result.message());
    }
}

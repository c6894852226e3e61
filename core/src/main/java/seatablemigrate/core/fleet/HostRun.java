package seatablemigrate.core.fleet;

import java.time.Duration;
import java.util.Optional;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;

/**
 * What the fleet knows of one host's run, kept from that host's events as they come: the step it is in, its progress,
 * what it ran and switches to, its backup folder, and how it ended. Small and fixed in size whatever the run reports;
 * the events themselves go to the host's log, not into memory.
 */
public final class HostRun implements Reporter {
    private final FleetHost host;
    private final boolean live;
    private String activity = "connecting";
    private int step;
    private int steps;
    private String from = "";
    private String to = "";
    private String runDir = "";
    private boolean backedUp;
    private String outcome = "";
    private String message = "";

    /** @param live a live run, whose backup folder is worth showing once its backup step finished */
    public HostRun(FleetHost host, boolean live) {
        this.host = host;
        this.live = live;
    }

    @Override
    public synchronized void installation(Installation installation, Optional<String> readFrom) {
        from = edition(installation);
    }

    @Override
    public synchronized void planned(MigrationPlan plan) {
        from = edition(plan.installation());
        to = plan.target().map(t -> t.edition().id() + " " + t.version()).orElse("");
        runDir = plan.runDir().toString();
        steps = plan.steps().size();
        activity = "planned";
    }

    @Override
    public synchronized void check(CheckResult result) {
        activity = "checking: " + result.name();
    }

    @Override
    public synchronized void stepStarted(Step s) {
        step++;
        activity = s.title();
    }

    @Override
    public synchronized void stepFinished(Step s, Duration took) {
        backedUp |= s.id().equals("backup");
    }

    @Override
    public synchronized void stepFailed(Step s, String reason) {
        activity = "failed: " + reason;
    }

    @Override
    public synchronized void progress(String what, long done, long total, String unit, String note) {
        activity = what + " " + done + (total > 0 ? "/" + total : "") + " " + unit;
    }

    @Override
    public synchronized void result(Outcome o, String text) {
        outcome = o.word();
        message = text;
    }

    /** The edition and version that run, as far as they are known ({@code enterprise 5.3.4}, {@code developer}, empty). */
    private static String edition(Installation i) {
        return (i.state().edition().map(e -> e.id()).orElse("") + " " + i.state().version().map(Object::toString).orElse("")).strip();
    }

    /** One line for the live view: the step and what it is doing. */
    public synchronized String line() {
        return (steps > 0 && step > 0 ? "step " + Math.min(step, steps) + "/" + steps + ": " : "") + activity;
    }

    /** How the host ended, given the exit code of its run; a run that reported no result counts by its exit code alone. */
    public synchronized HostResult result(int exitCode) {
        String word = outcome.isEmpty() ? (exitCode == 0 ? "done" : "needs-attention") : outcome;
        return new HostResult(host, word, Optional.of(exitCode), from, word.equals("nothing-to-do") ? "" : to, live && backedUp ? runDir : "",
                message.isEmpty() ? "exit " + exitCode : message);
    }
}

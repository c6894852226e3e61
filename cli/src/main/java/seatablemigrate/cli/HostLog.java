package seatablemigrate.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.spi.Change;

/**
 * One host's log in a fleet run: every event of its run as a readable line with its time (checks, steps with each
 * change's shell form, progress as it completes, messages, the result), and whatever the run printed. Written line by
 * line, so a run of any length costs no memory, and a log can be followed with {@code tail -f}. Like the JSON stream,
 * it holds nothing from {@code .env} but the image.
 */
final class HostLog implements Reporter, AutoCloseable {
    private final BufferedWriter out;
    final Path file;

    HostLog(Path file) {
        this.file = file;
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot write the host log " + file + ": " + e.getMessage());
        }
    }

    /** A line as it is, without a time: the command line, and what the run printed. */
    synchronized void line(String text) {
        try {
            out.write(text);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void event(String text) {
        line(Instant.now() + " " + text);
    }

    @Override
    public void installation(Installation i, Optional<String> readFrom) {
        StringBuilder sb = new StringBuilder(i.state().edition().map(e -> e.id()).orElse("edition unknown") + " "
                + i.state().version().map(Object::toString).orElse(""));
        sb.append(", image ").append(i.configuredImage().map(Object::toString).orElse("?")).append(", license ").append(i.license().summary());
        for (ContainerState c : i.containers()) {
            sb.append("\n    container ").append(c.name()).append(' ').append(c.condition()).append(' ').append(c.image());
        }
        event("installation: " + sb);
    }

    @Override
    public void check(CheckResult r) {
        event("[" + r.status().word() + "] " + r.name() + ": " + r.message());
    }

    @Override
    public void planned(MigrationPlan plan) {
        Installation i = plan.installation();
        StringBuilder sb = new StringBuilder("plan: " + i.state().edition().map(e -> e.id()).orElse("") + " "
                + i.state().version().map(Object::toString).orElse("") + " -> " + plan.target().map(t -> t.edition().id() + " " + t.version())
                .orElse("? ") + ", run folder " + plan.runDir());
        int n = 1;
        for (Step s : plan.steps()) {
            sb.append("\n    ").append(n++).append(". ").append(s.title());
            for (Change c : s.changes()) {
                sb.append("\n         $ ").append(c.shell().replace("\n", "\n           "));
            }
        }
        event(sb.toString());
    }

    @Override
    public void stepStarted(Step step) {
        event("step " + step.id() + ": " + step.title());
    }

    @Override
    public void stepFinished(Step step, Duration took) {
        event("step " + step.id() + " finished (" + took.toMillis() / 1000.0 + " s)");
    }

    @Override
    public void stepFailed(Step step, String reason) {
        event("step " + step.id() + " FAILED: " + reason);
    }

    @Override
    public void change(Change change) {
        event("change: " + change.describe() + "\n    $ " + change.shell().replace("\n", "\n      "));
    }

    /** Only a figure that completes its work: the log is for reading afterwards. */
    @Override
    public void progress(String what, long done, long total, String unit, String note) {
        if (total > 0 && done >= total) {
            event(what + ": " + done + " " + unit + " done");
        }
    }

    @Override
    public void info(String message) {
        event("info: " + message);
    }

    @Override
    public void warn(String message) {
        event("warning: " + message);
    }

    @Override
    public void script(Path path) {
        event("audit script: " + path);
    }

    @Override
    public void result(Outcome outcome, String message) {
        event("result: " + outcome.word() + " (exit " + outcome.exitCode() + "): " + message);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the log is best effort once the run is over
        }
    }
}

package seatablemigrate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.workflow.CheckResult;
import seatablemigrate.core.workflow.Outcome;
import seatablemigrate.core.workflow.Reporter;
import seatablemigrate.core.workflow.Step;

/**
 * {@code --json}: one JSON object per line on stdout for each event. The schema is docs/json-events.schema.json;
 * every object has {@code type} and {@code time}. Progress is sent at most once a second per activity.
 */
final class JsonReporter implements Reporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private long lastProgress;
    private String lastWhat = "";

    JsonReporter(PrintWriter out) {
        this.out = out;
    }

    private ObjectNode event(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        n.put("time", Instant.now().toString());
        return n;
    }

    synchronized void emit(ObjectNode n) {
        try {
            out.println(JSON.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    @Override
    public void check(CheckResult r) {
        ObjectNode n = event("check").put("name", r.name()).put("status", r.status().name().toLowerCase(Locale.ROOT)).put("message", r.message());
        r.shellGuard().ifPresent(g -> n.put("guard", g));
        emit(n);
    }

    @Override
    public void stepStarted(Step step) {
        emit(event("step").put("event", "started").put("id", step.id()).put("title", step.title()));
    }

    @Override
    public void stepFinished(Step step, Duration took) {
        emit(event("step").put("event", "finished").put("id", step.id()).put("seconds", took.toMillis() / 1000.0));
    }

    @Override
    public void stepFailed(Step step, String reason) {
        emit(event("step").put("event", "failed").put("id", step.id()).put("reason", reason));
    }

    @Override
    public void change(Change change) {
        emit(event("change").put("description", change.describe()).put("shell", change.shell()));
    }

    @Override
    public synchronized void progress(String what, long done, long total, String unit) {
        long now = System.nanoTime();
        if (what.equals(lastWhat) && now - lastProgress < 1_000_000_000L) {
            return;
        }
        lastWhat = what;
        lastProgress = now;
        emit(event("progress").put("what", what).put("done", done).put("total", total).put("unit", unit));
    }

    @Override
    public void info(String message) {
        emit(event("message").put("level", "info").put("message", message));
    }

    @Override
    public void warn(String message) {
        emit(event("message").put("level", "warning").put("message", message));
    }

    void object(String type, String field, JsonNode value) {
        ObjectNode n = event(type);
        n.set(field, value);
        emit(n);
    }

    void script(java.nio.file.Path path) {
        emit(event("script").put("path", path.toString()));
    }

    int result(Outcome outcome, String message) {
        emit(event("result").put("outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("exitCode", outcome.exitCode()).put("message", message));
        return outcome.exitCode();
    }
}

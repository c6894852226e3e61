package seatablemigrate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.PlanJson;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.spi.Change;

/**
 * {@code --json}: one JSON object per line on stdout for each event. The schema is docs/json-events.schema.json;
 * every object has {@code type} and {@code time}. Progress is sent at most once a second per activity, and its
 * last figure always. A fleet's host writes the same events into the fleet's stream ({@link FleetJson#host}).
 */
final class JsonReporter implements Reporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Consumer<ObjectNode> sink;
    private long lastProgress;
    private String lastWhat = "";
    private ObjectNode pending;

    /** The stream's format; bumped on an incompatible change of any event. The first event carries it. */
    static final int FORMAT = 1;

    private final String host;

    /**
     * A command's own stream, on {@code out}; its first event carries the {@link #FORMAT}.
     *
     * @param host the host the events are about, as given ({@code local}, an SSH target); every event carries it
     */
    JsonReporter(PrintWriter out, String host) {
        this(host, new Consumer<>() {
            private boolean first = true;

            @Override
            public void accept(ObjectNode n) {
                if (first) {
                    n.put("format", FORMAT);
                    first = false;
                }
                println(out, n);
            }
        });
    }

    /** @param sink where each complete event goes, in order */
    JsonReporter(String host, Consumer<ObjectNode> sink) {
        this.host = host;
        this.sink = sink;
    }

    /** Writes one event as a line of JSON and flushes it. */
    static void println(PrintWriter out, ObjectNode n) {
        try {
            out.println(JSON.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    private ObjectNode event(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        n.put("time", Instant.now().toString());
        n.put("host", host);
        return n;
    }

    /** Writes an event; a progress figure held back by the throttle goes first, so every activity ends on its last. */
    synchronized void emit(ObjectNode n) {
        if (pending != null) {
            ObjectNode p = pending;
            pending = null;
            sink.accept(p);
        }
        sink.accept(n);
    }

    @Override
    public void check(CheckResult r) {
        ObjectNode n = event("check").put("name", r.name()).put("status", r.status().word()).put("message", r.message());
        r.shellGuard().ifPresent(g -> n.put("guard", g));
        emit(n);
    }

    @Override
    public void planned(MigrationPlan plan) {
        object("plan", "plan", PlanJson.plan(plan));
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
    public synchronized void progress(String what, long done, long total, String unit, String note) {
        long now = System.nanoTime();
        var e = event("progress").put("what", what).put("done", done).put("total", total).put("unit", unit);
        if (!note.isEmpty()) {
            e.put("note", note);
        }
        if (what.equals(lastWhat) && now - lastProgress < 1_000_000_000L && !(total > 0 && done >= total)) {
            pending = e;
            return;
        }
        if (what.equals(lastWhat)) {
            pending = null; // this figure supersedes the held one
        }
        lastWhat = what;
        lastProgress = now;
        emit(e);
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

    @Override
    public void installation(Installation installation, Optional<String> readFrom) {
        ObjectNode node = PlanJson.installation(installation);
        readFrom.ifPresent(o -> node.put("readFrom", o));
        object("installation", "installation", node);
    }

    /** A backup that {@code backups} lists. */
    void backup(BackupCatalog.Backup b) {
        ObjectNode n = JSON.createObjectNode().put("id", b.id()).put("dir", b.dir().toString()).put("created", b.created())
                .put("composeDir", b.composeDir().toString())
                .put("databaseDump", b.databaseDump()).put("sizeBytes", b.sizeBytes()).put("verified", b.verified())
                .put("verification", b.verification())
                // The same words as a result event's outcome; a run without END is "unfinished".
                .put("outcome", b.outcome().toLowerCase(Locale.ROOT).replace('_', '-'));
        // Editions and versions as objects, as in plan's target.
        n.putObject("from").put("edition", b.fromEdition().id()).put("version", b.fromVersion().toString()).put("image", b.fromImage());
        n.putObject("to").put("edition", b.toEdition().id()).put("version", b.toVersion().toString());
        object("backup", "backup", n);
    }

    @Override
    public void script(Path path) {
        emit(event("script").put("path", path.toString()));
    }

    @Override
    public void result(Outcome outcome, String message) {
        emit(event("result").put("outcome", outcome.word())
                .put("exitCode", outcome.exitCode()).put("message", message));
    }
}

package seatablemigrate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import seatablemigrate.core.fleet.FleetHost;
import seatablemigrate.core.fleet.FleetRunner;
import seatablemigrate.core.fleet.HostResult;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;

/**
 * {@code --json} for a fleet: one stream. It opens with a {@code fleet} event (format, command, hosts), carries every
 * host's own events with {@code host} set to the inventory name and {@code target} to where it connected, ends each
 * host with a {@code host-result} event (its outcome and exit code; also for hosts never started) and the stream
 * with one {@code result} event for the whole fleet ({@code host} is {@code all}) with a row per host. A host's events
 * are those of its single-host stream ({@link JsonReporter}) but for the format, which the {@code fleet} event carries.
 */
final class FleetJson {
    static final String ALL = "all";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;

    FleetJson(PrintWriter out) {
        this.out = out;
    }

    private static ObjectNode event(String type, String host) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        n.put("time", Instant.now().toString());
        n.put("host", host);
        return n;
    }

    void start(String command, List<FleetHost> hosts) {
        ObjectNode n = event("fleet", ALL).put("format", JsonReporter.FORMAT).put("command", command);
        ArrayNode list = n.putArray("hosts");
        hosts.forEach(h -> list.addObject().put("name", h.name()).put("target", h.target()));
        write(n);
    }

    /** Where one host's own events go: into this stream, its result as the host's {@code host-result}. */
    Reporter host(FleetHost host) {
        return new JsonReporter(host.name(), e -> {
            e.put("target", host.target());
            if (e.path("type").asText().equals("result")) {
                e.put("type", "host-result");
            }
            write(e);
        });
    }

    void skipped(HostResult r) {
        write(event("host-result", r.host().name()).put("target", r.host().target()).put("outcome", r.outcome()).put("message", r.message()));
    }

    int result(FleetRunner.Result result, String message) {
        ObjectNode n = event("result", ALL).put("outcome", outcomeWord(result.exitCode())).put("exitCode", result.exitCode())
                .put("message", message);
        ArrayNode rows = n.putArray("hosts");
        for (HostResult r : result.hosts()) {
            ObjectNode row = rows.addObject().put("name", r.host().name()).put("outcome", r.outcome()).put("from", r.from()).put("to", r.to())
                    .put("backup", r.backup()).put("message", r.message());
            r.exitCode().ifPresent(c -> row.put("exitCode", c));
        }
        write(n);
        return result.exitCode();
    }

    /** The outcome word of an exit code, as single-host streams spell it. */
    static String outcomeWord(int exitCode) {
        return Arrays.stream(Outcome.values()).filter(o -> o.exitCode() == exitCode).findFirst()
                .map(Outcome::word).orElse("exit-" + exitCode);
    }

    private synchronized void write(ObjectNode n) {
        JsonReporter.println(out, n);
    }
}

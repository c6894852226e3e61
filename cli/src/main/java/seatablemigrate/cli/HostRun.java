package seatablemigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import seatablemigrate.core.fleet.FleetHost;
import seatablemigrate.core.fleet.HostResult;

/**
 * What the fleet knows of one host's run, read from that host's JSON events as they come: the step it is in, its
 * progress, what it ran and switches to, its backup folder, and how it ended. Small and fixed in size whatever the run
 * prints; the events themselves go to the host's log, not into memory.
 */
final class HostRun {
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

    /** @param live a live migrate, whose backup folder is worth showing once its backup step finished */
    HostRun(FleetHost host, boolean live) {
        this.host = host;
        this.live = live;
    }

    synchronized void accept(JsonNode e) {
        switch (e.path("type").asText()) {
            case "installation" -> from = edition(e.path("installation"));
            case "plan" -> {
                JsonNode plan = e.path("plan");
                from = edition(plan.path("current"));
                to = plan.path("target").isMissingNode() ? "" : edition(plan.path("target"));
                runDir = plan.path("runDir").asText("");
                steps = plan.path("steps").size();
                activity = "planned";
            }
            case "check" -> activity = "checking: " + e.path("name").asText();
            case "step" -> {
                switch (e.path("event").asText()) {
                    case "started" -> {
                        step++;
                        activity = e.path("title").asText();
                    }
                    case "finished" -> backedUp |= e.path("id").asText().equals("backup");
                    case "failed" -> activity = "failed: " + e.path("reason").asText();
                    default -> { }
                }
            }
            case "progress" -> {
                long done = e.path("done").asLong();
                long total = e.path("total").asLong();
                String unit = e.path("unit").asText();
                activity = e.path("what").asText() + " " + done + (total > 0 ? "/" + total : "") + " " + unit;
            }
            case "result" -> {
                outcome = e.path("outcome").asText();
                message = e.path("message").asText();
            }
            default -> { }
        }
    }

    private static String edition(JsonNode n) {
        String edition = n.path("edition").asText("");
        String version = n.path("version").asText("");
        return (edition + " " + version).strip();
    }

    /** One line for the live view: the step and what it is doing. */
    synchronized String line() {
        return (steps > 0 && step > 0 ? "step " + Math.min(step, steps) + "/" + steps + ": " : "") + activity;
    }

    synchronized HostResult result(int exitCode) {
        String word = outcome.isEmpty() ? (exitCode == 0 ? "done" : "needs-attention") : outcome;
        return new HostResult(host, word, Optional.of(exitCode), from, word.equals("nothing-to-do") ? "" : to, live && backedUp ? runDir : "",
                message.isEmpty() ? "exit " + exitCode : message);
    }
}

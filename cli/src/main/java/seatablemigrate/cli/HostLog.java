package seatablemigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import seatablemigrate.core.UsageException;

/**
 * One host's log in a fleet run: every event of its run as a readable line (checks, steps with each change's shell
 * form, progress as it completes, messages, the result), and whatever the run printed on stderr. Written line by line,
 * so a run of any length costs no memory, and a log can be followed with {@code tail -f}.
 */
final class HostLog implements AutoCloseable {
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

    synchronized void line(String text) {
        try {
            out.write(text);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void event(JsonNode e) {
        String time = e.path("time").asText();
        String text = switch (e.path("type").asText()) {
            case "installation" -> "installation: " + summary(e.path("installation"));
            case "check" -> "[" + e.path("status").asText() + "] " + e.path("name").asText() + ": " + e.path("message").asText();
            case "plan" -> plan(e.path("plan"));
            case "step" -> switch (e.path("event").asText()) {
                case "started" -> "step " + e.path("id").asText() + ": " + e.path("title").asText();
                case "finished" -> "step " + e.path("id").asText() + " finished (" + e.path("seconds").asText() + " s)";
                default -> "step " + e.path("id").asText() + " FAILED: " + e.path("reason").asText();
            };
            case "change" -> "change: " + e.path("description").asText() + "\n    $ " + e.path("shell").asText().replace("\n", "\n      ");
            case "progress" -> e.path("total").asLong() > 0 && e.path("done").asLong() >= e.path("total").asLong()
                    ? e.path("what").asText() + ": " + e.path("done").asText() + " " + e.path("unit").asText() + " done" : null;
            case "message" -> e.path("level").asText() + ": " + e.path("message").asText();
            case "script" -> "audit script: " + e.path("path").asText();
            case "result" -> "result: " + e.path("outcome").asText() + " (exit " + e.path("exitCode").asText() + "): " + e.path("message").asText();
            default -> e.toString();
        };
        if (text != null) {
            line(time + " " + text);
        }
    }

    private static String summary(JsonNode i) {
        StringBuilder sb = new StringBuilder(i.path("edition").asText("edition unknown") + " " + i.path("version").asText(""));
        sb.append(", image ").append(i.path("image").asText("?")).append(", license ").append(i.path("license").asText("?"));
        for (JsonNode c : i.path("containers")) {
            sb.append("\n    container ").append(c.path("name").asText()).append(' ').append(c.path("condition").asText()).append(' ')
                    .append(c.path("image").asText());
        }
        return sb.toString();
    }

    private static String plan(JsonNode p) {
        StringBuilder sb = new StringBuilder("plan: " + p.path("current").path("edition").asText() + " " + p.path("current").path("version").asText()
                + " -> " + p.path("target").path("edition").asText("?") + " " + p.path("target").path("version").asText("") + ", run folder "
                + p.path("runDir").asText());
        int n = 1;
        for (JsonNode s : p.path("steps")) {
            sb.append("\n    ").append(n++).append(". ").append(s.path("title").asText());
            for (JsonNode c : s.path("changes")) {
                sb.append("\n         $ ").append(c.path("shell").asText().replace("\n", "\n           "));
            }
        }
        return sb.toString();
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

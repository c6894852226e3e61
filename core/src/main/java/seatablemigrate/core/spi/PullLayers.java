package seatablemigrate.core.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts an image pull's layers from Docker's per-layer status words ("Pulling fs layer", "Downloading",
 * "Pull complete", "Already exists", ...), as the engine's JSON stream and the {@code docker pull} CLI both give
 * them; for the progress note "3 of 7 layers". Not thread-safe: one pull, one reader.
 */
public final class PullLayers {
    /** A layer's id: a short hex digest; the pull's own lines carry the tag instead. */
    private static final Pattern LAYER_ID = Pattern.compile("[0-9a-f]{12}");
    /** A CLI line: {@code <layer>: <status>}. */
    private static final Pattern CLI_LINE = Pattern.compile("^([0-9a-f]{12}): (.+)$");

    private final Map<String, Boolean> done = new HashMap<>();

    /** Takes one status of one layer; ignores anything that is not a layer's. */
    public void status(String id, String status) {
        if (!LAYER_ID.matcher(id).matches()) {
            return;
        }
        boolean complete = status.startsWith("Pull complete") || status.startsWith("Already exists");
        done.merge(id, complete, Boolean::logicalOr);
    }

    /** Takes one line of {@code docker pull}'s plain output. */
    public void line(String line) {
        var m = CLI_LINE.matcher(line.strip());
        if (m.matches()) {
            status(m.group(1), m.group(2));
        }
    }

    public int complete() {
        return (int) done.values().stream().filter(Boolean::booleanValue).count();
    }

    public int known() {
        return done.size();
    }

    /** "3 of 7 layers", or empty before the first layer is known. */
    public String note() {
        return done.isEmpty() ? "" : complete() + " of " + known() + " layers";
    }
}

package seatablemigrate.core.inspect;

import java.util.List;
import seatablemigrate.core.model.ComposeCli;

/** Which Compose to use: detect (v2 plugin first, then v1), or one named by the user. */
public enum ComposePreference {
    AUTO(List.of(ComposeCli.PLUGIN, ComposeCli.STANDALONE)),
    PLUGIN(List.of(ComposeCli.PLUGIN)),
    STANDALONE(List.of(ComposeCli.STANDALONE));

    private final List<ComposeCli> candidates;

    ComposePreference(List<ComposeCli> candidates) {
        this.candidates = candidates;
    }

    public List<ComposeCli> candidates() {
        return candidates;
    }
}

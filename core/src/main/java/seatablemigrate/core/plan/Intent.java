package seatablemigrate.core.plan;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a run is for: an edition switch keeps MAJOR.MINOR and changes the edition; an upgrade keeps the edition and moves to
 * a newer release, whose first start migrates the databases (so its way back restores them).
 */
public enum Intent {
    SWITCH("switch"),
    UPGRADE("upgrade");

    private final String id;

    Intent(String id) {
        this.id = id;
    }

    /** The word plan files, manifests and JSON use. */
    public String id() {
        return id;
    }

    /** The intent a plan file or manifest names; empty for a word this version does not know. */
    public static Optional<Intent> parse(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}

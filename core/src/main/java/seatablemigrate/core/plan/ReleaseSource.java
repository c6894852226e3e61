package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import seatablemigrate.core.model.SeaTableVersion;

/**
 * Where an upgrade's official release files come from: a folder the admin exported ({@link ReleaseFiles} itself, read when
 * the option is given), or SeaTable's release assets downloaded into a cache when the plan is made (the target is known
 * only then). The planner asks {@link #provide} once per plan, with the running release and the target; both sources end
 * as one {@link ReleaseFiles} value. Nothing here touches a host: the files are read on the machine the tool runs on.
 */
public interface ReleaseSource {
    /**
     * The folder on the machine the tool runs on that holds the exports (the folder given, or the download cache): a plan
     * file records it, and {@code migrate --plan} reads it back as a folder ({@link ReleaseFiles#read}).
     */
    Path root();

    /**
     * The release files for an upgrade from {@code running} to {@code target}. A source that fetches does so here, within
     * its own deadlines, and may leave out the running release's files when they are not published (the target's export is
     * then also used as the base of its MAJOR.MINOR, as {@link ReleaseFiles#forVersion} does).
     *
     * @throws Unavailable the files cannot be had or are refused (tampered, malformed, unreachable): the message is a
     *                     sentence for the admin, and the upgrade's official files are refused with it
     */
    Provided provide(SeaTableVersion running, SeaTableVersion target) throws Unavailable;

    /**
     * The files provided, and what the plan says about where they came from (a download, a missing published digest).
     *
     * @param files the exports to decide from
     * @param notes lines for the plan's check of the official files; empty for a folder given
     */
    record Provided(ReleaseFiles files, List<String> notes) {
        public Provided {
            requireNonNull(files, "files is null");
            notes = List.copyOf(notes);
        }
    }

    /** The release files cannot be had; the message says why and what to do, and names no secret. */
    final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}

package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.runfolder.BackupManifest;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostFiles;
import seatablemigrate.core.spi.Shell;

/**
 * SeaTable's configuration folder ({@code seatable/conf} in the volume mounted at {@code /shared}) as an upgrade saves
 * it: it holds {@code current_version.txt}, the release the databases were migrated to, so a way back that restores the
 * databases must restore it too. Where the folder is comes from the SeaTable container's mount (what the inspection saw);
 * the names in it come from the host and are saved only when they are plain file names.
 *
 * @param dir     the folder on the host; empty when SeaTable's container has no {@code /shared} mount to find it by
 * @param files   its regular files, by name and mode
 * @param problem why it cannot be saved as it is
 */
public record SeatableConf(Optional<Path> dir, List<BackupManifest.SavedFile> files, Optional<String> problem) {
    /** Where SeaTable keeps its configuration inside its data volume. */
    static final String IN_VOLUME = "seatable/conf";

    public SeatableConf {
        requireNonNull(dir, "dir is null");
        files = List.copyOf(files);
        requireNonNull(problem, "problem is null");
    }

    /** Reads the folder of {@code inst}'s SeaTable container on {@code host}. */
    public static SeatableConf read(HostFiles host, Installation inst) {
        Optional<Path> dir = folder(inst);
        if (dir.isEmpty()) {
            return missing();
        }
        return unprintable(dir.get()).orElseGet(() -> list(host, dir.get(), dir.get(), ""));
    }

    /**
     * Offline: the names and modes of the files in {@code copy} (a copy of the folder on the machine the tool runs on, read
     * through {@code local}) stand for {@code inst}'s folder on its host, which {@link #guard} checks when the script runs.
     * Without a copy the plan is refused, naming the folder to copy.
     */
    public static SeatableConf readCopy(HostFiles local, Installation inst, Optional<Path> copy) {
        Optional<Path> dir = folder(inst);
        if (dir.isEmpty()) {
            return missing();
        }
        if (copy.isEmpty()) {
            return new SeatableConf(dir, List.of(), Optional.of("offline, an upgrade saves SeaTable's configuration folder " + dir.get()
                    + ", which the copy of the compose directory does not hold: copy it with its modes (e.g. 'scp -rp HOST:"
                    + dir.get() + " ./seatable-conf') and add --seatable-conf-from ./seatable-conf"));
        }
        return unprintable(dir.get()).orElseGet(() -> list(local, copy.get(), dir.get(), " (the copy " + copy.get() + ")"));
    }

    /**
     * A folder whose path holds a control character is refused: the path comes from a mount's source (the container's,
     * or a copy's compose file) and would reach the audit script and the terminal that runs it.
     */
    private static Optional<SeatableConf> unprintable(Path dir) {
        if (dir.toString().codePoints().noneMatch(Shell::isControl)) {
            return Optional.empty();
        }
        return Optional.of(new SeatableConf(Optional.of(dir), List.of(), Optional.of("SeaTable's configuration folder "
                + "'" + Shell.printable(dir.toString()) + "' has a control character in its path (from the source of the /shared mount):"
                + " the upgrade does not save it; mount SeaTable's data from a folder with a plain name")));
    }

    private static SeatableConf missing() {
        return new SeatableConf(Optional.empty(), List.of(), Optional.of("SeaTable's service has no folder mounted at /shared, so its"
                + " configuration folder (which records the version the databases were migrated to) is not found"));
    }

    /** The plain regular files of {@code listed}, standing for the folder {@code dir} on the host. */
    private static SeatableConf list(HostFiles files, Path listed, Path dir, String where) {
        Optional<FileStat> stat = files.lstat(listed);
        if (stat.isEmpty() || !stat.get().isDirectory()) {
            return new SeatableConf(Optional.of(dir), List.of(), Optional.of(dir + " (SeaTable's configuration folder)" + where + " is not a folder"));
        }
        List<BackupManifest.SavedFile> saved = new ArrayList<>();
        for (Path p : files.list(listed)) {
            String name = p.getFileName().toString();
            Optional<FileStat> f = files.lstat(p);
            if (f.isPresent() && f.get().isDirectory()) {
                continue; // a backup folder an official script made (conf-<time>.bak) is no configuration the image reads
            }
            if (!BackupManifest.SavedFile.plainName(name) || f.isEmpty() || !f.get().isRegular()) {
                return new SeatableConf(Optional.of(dir), List.of(), Optional.of(dir + where + " holds " + Shell.describeName(name)
                        + ", which is not a plain regular file: the upgrade saves only those; move it away first"));
            }
            saved.add(new BackupManifest.SavedFile(name, Integer.toOctalString(f.get().mode() & 07777)));
        }
        saved.sort(Comparator.comparing(BackupManifest.SavedFile::name));
        return new SeatableConf(Optional.of(dir), saved, Optional.empty());
    }

    /**
     * The shell guard that the folder holds exactly these files (plain names, regular, these modes; sub-folders aside), as
     * the plan saves them: a file added, removed or changed in kind or mode since the plan was made stops the script
     * before its first change. Empty when the folder is unknown.
     */
    public Optional<String> guard() {
        return dir.map(d -> {
            StringBuilder expected = new StringBuilder();
            files.forEach(f -> expected.append(expected.length() == 0 ? "" : "\n").append(f.name()).append(' ').append(f.mode()).append(" f"));
            String q = Shell.quote(d.toString());
            return PreflightChecks.explained("[ -d " + q + " ] && [ ! -L " + q + " ] && [ \"$(cd " + q + " && find . -mindepth 1 -maxdepth 1"
                    + " ! -type d -printf '%f %m %y\\n' | LC_ALL=C sort)\" = " + Shell.quote(expected.toString()) + " ]", Shell.printable(d.toString())
                    + " to hold the " + files.size() + " file(s) the plan saves, with their modes", PreflightChecks.text("other files or modes (see"
                    + " ls -l " + Shell.printable(d.toString()) + ")"));
        });
    }

    /** The folder of {@code inst}'s SeaTable container, from its {@code /shared} mount. */
    public static Optional<Path> folder(Installation inst) {
        return inst.sharedFolder().map(shared -> shared.resolve(IN_VOLUME));
    }
}

package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
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
            return new SeatableConf(dir, List.of(), Optional.of("SeaTable's container has no volume mounted at /shared, so its"
                    + " configuration folder (which records the version the databases were migrated to) is not found"));
        }
        Optional<FileStat> stat = host.lstat(dir.get());
        if (stat.isEmpty() || !stat.get().isDirectory()) {
            return new SeatableConf(dir, List.of(), Optional.of(dir.get() + " (SeaTable's configuration folder) is not a folder"));
        }
        List<BackupManifest.SavedFile> files = new ArrayList<>();
        for (Path p : host.list(dir.get())) {
            String name = p.getFileName().toString();
            Optional<FileStat> f = host.lstat(p);
            if (f.isPresent() && f.get().isDirectory()) {
                continue; // a backup folder an official script made (conf-<time>.bak) is no configuration the image reads
            }
            if (!BackupManifest.SavedFile.plainName(name) || f.isEmpty() || !f.get().isRegular()) {
                return new SeatableConf(dir, List.of(), Optional.of(dir.get() + " holds " + Shell.describeName(name) + ", which is not a plain"
                        + " regular file: the upgrade saves only those; move it away first"));
            }
            files.add(new BackupManifest.SavedFile(name, Integer.toOctalString(f.get().mode() & 07777)));
        }
        return new SeatableConf(dir, files, Optional.empty());
    }

    /** The folder of {@code inst}'s SeaTable container, from its {@code /shared} mount. */
    public static Optional<Path> folder(Installation inst) {
        return inst.seatable().map(c -> c.mounts().get("/shared")).filter(src -> src.startsWith("/"))
                .map(src -> Path.of(src).normalize().resolve(IN_VOLUME));
    }
}

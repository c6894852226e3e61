package seatablemigrate.core.backup;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.runfolder.BackupManifest;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.Ownership;
import seatablemigrate.core.spi.Shell;

/**
 * The backups the tool made under a backup root: what each holds, whether it checks out, how its run ended. A folder
 * counts only when it and everything in it is the tool's own ({@link Ownership}: no symlink, the user the tool runs
 * as, writable by nobody else): another user can put a folder with a valid manifest into a shared root, and the tool
 * must neither list, restore, recover nor keep it in place of its own.
 */
public final class BackupCatalog {
    private final HostBackend host;

    public BackupCatalog(HostBackend host) {
        this.host = requireNonNull(host, "host is null");
    }

    /**
     * One backup.
     *
     * @param id           the folder's name
     * @param licenseMode  the permission bits a restored license gets: the saved one's ({@link BackupManifest#licenseModeBits})
     * @param verification {@code verified}, {@code MISMATCH: file...}, {@code missing: file} or {@code no checksums}
     * @param outcome      how its run ended ({@code DONE}, {@code ROLLED_BACK}, ...) or {@code unfinished}
     */
    public record Backup(String id, Path dir, String created, Path composeDir, Edition fromEdition, SeaTableVersion fromVersion,
                         String fromImage, Edition toEdition, SeaTableVersion toVersion, boolean databaseDump, long sizeBytes,
                         int envMode, boolean licenseExisted, int licenseMode, String verification, String outcome) {
        public boolean verified() {
            return verification.equals("verified");
        }
    }

    /**
     * Every backup under {@code root}, newest first, each checked against its checksums; folders without a readable
     * manifest, and those that are not the tool's own, are skipped.
     */
    public List<Backup> list(Path root) {
        return list(root, true);
    }

    /**
     * Every backup under {@code root}, newest first; without {@code verify} the (slow: every byte is read) checksum
     * check is left out and {@link Backup#verification()} says {@code not checked}.
     */
    public List<Backup> list(Path root, boolean verify) {
        List<Backup> out = new ArrayList<>();
        for (Path dir : host.list(root)) {
            read(dir, verify).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(Backup::id).reversed());
        return out;
    }

    /**
     * The backup in one run folder, its files checked against SHA256SUMS; empty when it holds no readable manifest or is
     * not the tool's own.
     */
    public Optional<Backup> read(Path dir) {
        return read(dir, true);
    }

    /**
     * Why the folder {@code dir} is not one of the tool's own, e.g. "/srv/b/x belongs to uid 65534, not to uid 0 (the
     * user seatable-migrate runs as)"; empty when it and everything in it is. Nothing in a folder that is not is read.
     */
    public Optional<String> notOurs(Path dir) {
        return notOurs(dir, host.userId(), 0);
    }

    /** Run folders hold files and one level of folders ({@code config/}); deeper trees are not the tool's. */
    private static final int DEPTH = 3;

    private Optional<String> notOurs(Path path, int uid, int depth) {
        Optional<FileStat> stat = host.lstat(path);
        if (stat.isEmpty()) {
            return Optional.of(path + " does not exist");
        }
        Optional<String> problem = Ownership.problem(stat.get(), uid);
        if (problem.isPresent()) {
            return Optional.of(path + " " + problem.get());
        }
        if (!stat.get().isDirectory()) {
            return Optional.empty();
        }
        if (depth >= DEPTH) {
            return Optional.of(path + " is nested deeper than a backup's folders are");
        }
        for (Path entry : host.list(path)) {
            Optional<String> inside = notOurs(entry, uid, depth + 1);
            if (inside.isPresent()) {
                return inside;
            }
        }
        return Optional.empty();
    }

    private Optional<Backup> read(Path dir, boolean verify) {
        if (notOurs(dir).isPresent()) {
            return Optional.empty();
        }
        Optional<byte[]> manifest = host.readFile(new RunFolder(dir).manifest());
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Optional<BackupManifest> parsed = BackupManifest.parse(manifest.get());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        BackupManifest m = parsed.get();
        long size = 0;
        for (String f : m.files()) {
            size += host.stat(dir.resolve(f)).map(FileStat::size).orElse(0L);
        }
        return Optional.of(new Backup(dir.getFileName().toString(), dir, m.created() == null ? "" : m.created(), Path.of(m.composeDir()),
                m.from().parsedEdition(), m.from().parsedVersion(), m.from().image(), m.to().parsedEdition(), m.to().parsedVersion(),
                m.databaseDump(), size, m.envModeBits().orElseThrow(), m.licenseExisted(), m.licenseModeBits().orElseThrow(),
                verify ? verify(dir, m.files()) : "not checked", outcome(dir)));
    }

    /**
     * Checks every file the manifest lists against SHA256SUMS. The folder is untrusted: a list that is missing,
     * empty, or names other files than the manifest (a path, {@code ..}) does not verify.
     */
    private String verify(Path dir, List<String> files) {
        Optional<byte[]> sums = host.readFile(new RunFolder(dir).checksums());
        if (sums.isEmpty()) {
            return "no checksums";
        }
        List<String> bad = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (String line : new String(sums.get(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-f]{64}") || !line.startsWith("  ", 64)) {
                bad.add("unreadable checksum line");
                continue;
            }
            String expected = line.substring(0, 64);
            String file = line.substring(66);
            if (!files.contains(file) || file.contains("..") || file.startsWith("/")) {
                bad.add("foreign name " + Shell.printable(file));
                continue;
            }
            listed.add(file);
            Optional<Sha256> actual = host.sha256(dir.resolve(file));
            if (actual.isEmpty()) {
                bad.add("missing " + file);
            } else if (!actual.get().hex().equals(expected)) {
                bad.add("changed " + file);
            }
        }
        files.stream().filter(f -> !listed.contains(f)).forEach(f -> bad.add("no checksum for " + f));
        if (files.isEmpty()) {
            bad.add("the manifest lists no files");
        }
        return bad.isEmpty() ? "verified" : "NOT VERIFIED: " + String.join(", ", bad);
    }

    private String outcome(Path dir) {
        return Journal.outcome(Journal.read(host, dir)).orElse("unfinished");
    }
}

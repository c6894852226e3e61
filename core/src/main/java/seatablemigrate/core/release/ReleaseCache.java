package seatablemigrate.core.release;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.plan.ReleaseFiles;
import seatablemigrate.core.plan.ReleaseSource;

/**
 * The downloaded release files on the machine the tool runs on: {@code <root>/v<X.Y.Z>/}, each the unpacked tarball in the
 * layout {@link ReleaseFiles#read} reads, beside its record {@link #RECORD} (the tarball's sha256, whether it matched a
 * published digest, and each file's sha256). A release is stored whole or not at all (unpacked into a temporary folder,
 * checked by {@link ReleaseFiles#readExport}, then renamed), folders 0700 and files 0600. Every use checks the folder
 * against its record; a changed folder is refused (never downloaded again over it): the message names the folder to
 * delete. The cache decides nothing about a host.
 */
public final class ReleaseCache {
    /** The record of a release's folder; {@link ReleaseFiles#read} does not read it (no compose file). */
    static final String RECORD = ".seatable-migrate-sha256";
    private static final String FORMAT = "# the sha256 of downloaded release files, format 1";
    private static final FileAttribute<Set<PosixFilePermission>> DIR = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> FILE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private final Path root;

    /** @param root the cache's folder of releases (absolute) */
    public ReleaseCache(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    /**
     * {@code ${XDG_CACHE_HOME:-$HOME/.cache}/seatable-migrate/release-files} for the environment {@code env} (a relative
     * XDG_CACHE_HOME is ignored, as the XDG specification says); exit 2 when neither is set.
     */
    public static Path defaultRoot(Map<String, String> env) {
        Optional<Path> xdg = Optional.ofNullable(env.get("XDG_CACHE_HOME")).filter(s -> !s.isEmpty()).map(Path::of).filter(Path::isAbsolute);
        Path cache = xdg.or(() -> Optional.ofNullable(env.get("HOME")).filter(s -> !s.isEmpty()).map(h -> Path.of(h, ".cache")))
                .orElseThrow(() -> new UsageException("--download-release-files keeps the files in $XDG_CACHE_HOME or $HOME/.cache,"
                        + " and neither is set"));
        return cache.resolve("seatable-migrate").resolve("release-files");
    }

    public Path root() {
        return root;
    }

    /**
     * A release as stored: its files, its tarball's sha256, and whether that matched the digest GitHub published.
     */
    record Cached(ReleaseFiles.Release release, Sha256 tarball, boolean published) {}

    /** The folder a release is kept in. */
    Path folder(SeaTableVersion version) {
        return root.resolve("v" + version);
    }

    /** The release, when it is cached; a folder that differs from its record is refused. */
    Optional<Cached> read(SeaTableVersion version) throws ReleaseSource.Unavailable {
        Path dir = folder(version);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw changed(dir, "it is no folder");
        }
        try {
            Ledger r = Ledger.parse(Files.readString(dir.resolve(RECORD)));
            Map<String, Sha256> found = new TreeMap<>();
            List<String> strays = new ArrayList<>();
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.skip(1)::iterator) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    String name = dir.relativize(p).toString();
                    if (a.isRegularFile() && !name.equals(RECORD)) {
                        found.put(name, Sha256.of(Files.readAllBytes(p)));
                    } else if (!a.isDirectory() && !a.isRegularFile()) {
                        strays.add(name);
                    }
                }
            }
            if (!strays.isEmpty() || !found.equals(r.files())) {
                throw changed(dir, strays.isEmpty() ? difference(r.files(), found) : strays.get(0) + " is no regular file");
            }
            return Optional.of(new Cached(ReleaseFiles.readExport(version, dir), r.tarball(), r.published()));
        } catch (IOException | IllegalArgumentException | ReleaseFiles.FormatException e) {
            throw changed(dir, "its record or files cannot be read: " + e.getMessage());
        }
    }

    /**
     * Stores the release unpacked from a tarball of sha256 {@code tarball}, checked by {@link ReleaseFiles#readExport}
     * before it is kept; when another run stored it meanwhile, that one is used (checked as ever).
     */
    Cached store(SeaTableVersion version, Sha256 tarball, boolean published, List<ReleaseTarball.Entry> entries)
            throws ReleaseSource.Unavailable {
        Path staging = null;
        try {
            Files.createDirectories(root, DIR);
            staging = Files.createTempDirectory(root, ".download-", DIR);
            Path export = Files.createDirectory(staging.resolve("v" + version), DIR);
            Map<String, Sha256> files = unpack(export, entries);
            ReleaseFiles.readExport(version, export); // the folder's rules, before anything is kept
            Files.writeString(Files.createFile(export.resolve(RECORD), FILE), new Ledger(tarball, published, files).text(),
                    StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(export, folder(version), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // stored by another run meanwhile: that copy is read and checked below
            }
        } catch (ReleaseFiles.FormatException e) {
            throw new ReleaseSource.Unavailable("SeaTable's release files of v" + version + " as downloaded are refused: " + e.getMessage());
        } catch (IOException e) {
            throw new ReleaseSource.Unavailable("the release files of v" + version + " cannot be kept in " + root + ": " + e.getMessage());
        } finally {
            delete(staging);
        }
        return read(version).orElseThrow(() -> new ReleaseSource.Unavailable("the release files of v" + version + " vanished from "
                + root + " as they were stored"));
    }

    private static Map<String, Sha256> unpack(Path export, List<ReleaseTarball.Entry> entries) throws IOException {
        Map<String, Sha256> files = new TreeMap<>();
        for (ReleaseTarball.Entry e : entries) {
            Path to = export.resolve(e.path()).normalize();
            if (!to.startsWith(export) || to.equals(export)) {
                throw new IOException("an entry names no place inside the release's folder"); // ReleaseTarball.path rules this out
            }
            if (e.directory()) {
                createFolders(export, to);
                continue;
            }
            createFolders(export, to.getParent());
            Files.write(Files.createFile(to, FILE), e.bytes(), StandardOpenOption.TRUNCATE_EXISTING);
            files.put(e.path(), Sha256.of(e.bytes()));
        }
        return files;
    }

    /** Creates {@code dir} and the folders above it up to {@code export}, each 0700; an existing file there is refused. */
    private static void createFolders(Path export, Path dir) throws IOException {
        if (dir.equals(export) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createFolders(export, dir.getParent());
        Files.createDirectory(dir, DIR);
    }

    private static String difference(Map<String, Sha256> recorded, Map<String, Sha256> found) {
        for (var e : recorded.entrySet()) {
            if (!found.containsKey(e.getKey())) {
                return e.getKey() + " is missing";
            }
            if (!found.get(e.getKey()).equals(e.getValue())) {
                return e.getKey() + " changed";
            }
        }
        return found.keySet().stream().filter(k -> !recorded.containsKey(k)).findFirst().orElse("?") + " was added";
    }

    private static ReleaseSource.Unavailable changed(Path dir, String what) {
        return new ReleaseSource.Unavailable("the cached release files " + dir + " are not as they were downloaded (" + what
                + "): delete " + dir + " and plan again to download them anew");
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is skipped by every reader (its name is no version), and by the next download
        }
    }

    /** A release folder's record: the tarball's sha256, whether it matched the published digest, and each file's sha256. */
    private record Ledger(Sha256 tarball, boolean published, Map<String, Sha256> files) {
        String text() {
            StringBuilder sb = new StringBuilder(FORMAT).append('\n').append("tarball ").append(tarball).append('\n')
                    .append("published-digest ").append(published ? "matched" : "none").append('\n');
            files.forEach((name, sha) -> sb.append("file ").append(sha).append(' ').append(name).append('\n'));
            return sb.toString();
        }

        static Ledger parse(String text) {
            String[] lines = text.split("\n");
            if (lines.length < 3 || !lines[0].equals(FORMAT) || !lines[1].startsWith("tarball ")
                    || !lines[2].matches("published-digest (matched|none)")) {
                throw new IllegalArgumentException(RECORD + " is not the tool's record");
            }
            Map<String, Sha256> files = new TreeMap<>();
            for (int i = 3; i < lines.length; i++) {
                String[] f = lines[i].split(" ", 3);
                if (f.length != 3 || !f[0].equals("file") || files.put(f[2], new Sha256(f[1])) != null) {
                    throw new IllegalArgumentException(RECORD + " line " + (i + 1) + " is not the tool's");
                }
            }
            return new Ledger(new Sha256(lines[1].substring("tarball ".length())), lines[2].endsWith("matched"), files);
        }
    }
}

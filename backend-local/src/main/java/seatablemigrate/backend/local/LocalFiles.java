package seatablemigrate.backend.local;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.DownloadTarget;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostFiles;
import seatablemigrate.core.spi.LineStarts;
import seatablemigrate.core.spi.ProgressListener;

/**
 * The local host's file queries for {@link LocalHostBackend}, through java.nio: byte-exact reads, symlinks followed
 * (as the SPI says) except by {@link #lstat}, a missing file is an empty answer and any other failure a {@link MigrateException}. Stateless,
 * so safe for concurrent use. The file system bounds every call: no timeout applies.
 */
final class LocalFiles implements HostFiles {
    @Override
    public Optional<byte[]> readFile(Path path) {
        try {
            return Files.isRegularFile(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MigrateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** A local file system's read is bounded by the file system, as {@link #sha256} is. */
    @Override
    public Optional<List<String>> linesStartingWith(Path path, List<String> prefixes, int maxBytes, Duration timeout) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path)) {
            return Optional.of(LineStarts.read(in, prefixes, maxBytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MigrateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> readTail(Path path, int maxBytes) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
            long start = Math.max(0, f.length() - maxBytes);
            byte[] buf = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(buf);
            return Optional.of(buf);
        } catch (IOException e) {
            throw new MigrateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<FileStat> stat(Path path) {
        return stat(path, new LinkOption[0]);
    }

    /** What is at {@code path} itself: a symlink is not followed (java.nio's NOFOLLOW_LINKS, lstat(2)). */
    @Override
    public Optional<FileStat> lstat(Path path) {
        return stat(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static Optional<FileStat> stat(Path path, LinkOption... links) {
        try {
            // One read of the unix view: unix:mode has the sticky, setuid and setgid bits too, which the POSIX view leaves out.
            Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,size,isRegularFile,isDirectory,isSymbolicLink", links);
            FileStat.Type type = Boolean.TRUE.equals(a.get("isSymbolicLink")) ? FileStat.Type.SYMLINK
                    : Boolean.TRUE.equals(a.get("isRegularFile")) ? FileStat.Type.REGULAR
                    : Boolean.TRUE.equals(a.get("isDirectory")) ? FileStat.Type.DIRECTORY : FileStat.Type.OTHER;
            return Optional.of(new FileStat(type, (Long) a.get("size"), (Integer) a.get("mode") & 07777, (Integer) a.get("uid")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MigrateException("cannot inspect " + path + ": " + e.getMessage(), e);
        }
    }

    /** The user this process runs as: what it writes belongs to it. */
    @Override
    public int userId() {
        return Math.toIntExact(new UnixSystem().getUid());
    }

    @Override
    public Optional<Sha256> sha256(Path path) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        var md = Sha256.newDigest();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new MigrateException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return Optional.of(new Sha256(HexFormat.of().formatHex(md.digest())));
    }

    @Override
    public List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new MigrateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public long usableSpace(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return Files.getFileStore(p == null ? Path.of("/") : p).getUsableSpace();
        } catch (IOException e) {
            throw new MigrateException("cannot find the free space at " + path + ": " + e.getMessage(), e);
        }
    }

    /** A local copy: the file system bounds it, so no timeout applies. */
    @Override
    public void download(Path path, Path localTarget, Duration timeout, ProgressListener progress) {
        try (InputStream in = Files.newInputStream(path);
             DownloadTarget target = DownloadTarget.open(localTarget, Files.size(path), progress)) {
            in.transferTo(target.stream());
            target.commit();
        } catch (IOException e) {
            throw new MigrateException("cannot copy " + path + " to " + localTarget + ": " + e.getMessage(), e);
        }
    }
}

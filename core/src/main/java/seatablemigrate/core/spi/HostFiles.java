package seatablemigrate.core.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Sha256;

/**
 * The files of a host, read (never changed: changes go through {@link HostBackend#apply}). Paths are absolute paths
 * on the host; symlinks are followed. A missing file is an empty answer, never an exception; a host that cannot be
 * used throws {@link seatablemigrate.core.HostUnavailableException}. Reads are byte-exact: any byte, UTF-8 or not,
 * comes back as it is. Each call is bounded by the backend's bound for one query (SSH: 60 s per command; local: the
 * file system) unless it takes a timeout. Safe for concurrent use.
 */
public interface HostFiles {
    /** The file's bytes, or empty when there is no regular file at {@code path}. */
    Optional<byte[]> readFile(Path path);

    /** At most the last {@code maxBytes} bytes of a regular file; empty when there is none. */
    Optional<byte[]> readTail(Path path, int maxBytes);

    /**
     * The lines of the regular file at {@code path} that start with one of {@code prefixes} (compared byte for byte as
     * UTF-8), each cut to its first {@code maxBytes} bytes and decoded as UTF-8, in file order; empty when there is no
     * regular file. Streamed, for files of gigabytes with lines of megabytes: only the kept beginnings are held (and, over
     * a network, sent), the way {@link LineStarts} reads. Bounded by {@code timeout}.
     */
    Optional<List<String>> linesStartingWith(Path path, List<String> prefixes, int maxBytes, Duration timeout);

    /** What is at {@code path} (symlinks followed), or empty when nothing is. */
    Optional<FileStat> stat(Path path);

    /**
     * What is at {@code path} itself: a symlink is {@link FileStat.Type#SYMLINK} with its own owner, never followed (the
     * folders on the way to it are); empty when nothing is there. What the tool trusts as its own is judged on this
     * ({@link Ownership}).
     */
    Optional<FileStat> lstat(Path path);

    /**
     * The numeric user ID this backend reads and changes the host's files as (0: root; with sudo, root's): files the
     * tool wrote belong to it.
     */
    int userId();

    /** SHA-256 of a regular file's content, streamed; empty when there is none. */
    Optional<Sha256> sha256(Path path);

    /** The entries of a directory, sorted by name; empty when it does not exist. */
    List<Path> list(Path dir);

    /** Bytes available to an unprivileged writer on the file system that holds {@code path} or its nearest existing parent. */
    long usableSpace(Path path);

    /**
     * Copies the regular file {@code path} on this host to {@code localTarget} on the machine the tool runs on,
     * streamed (a dump may be gigabytes), reporting bytes. A read: nothing on the host changes. The target is
     * written as a temporary file, mode 0600, and moved in place when complete. Throws
     * {@link seatablemigrate.core.MigrateException} when the copy fails or, over a network, takes longer than
     * {@code timeout} (a copy on the same machine is bounded by its file system).
     */
    void download(Path path, Path localTarget, Duration timeout, ProgressListener progress);
}

package seatablemigrate.core.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Sha256;

/**
 * {@link HostFiles} answered by {@link #files()}: each method hands its call on unchanged, so an implementation keeps
 * the contract of the one it hands to. For a backend whose file queries live in a class of their own, and for
 * decorators ({@link ForwardingHostBackend}); an implementation overrides only what it answers differently.
 */
public interface ForwardingHostFiles extends HostFiles {
    /** Where the file queries go. */
    HostFiles files();

    @Override
    default Optional<byte[]> readFile(Path path) {
        return files().readFile(path);
    }

    @Override
    default Optional<byte[]> readTail(Path path, int maxBytes) {
        return files().readTail(path, maxBytes);
    }

    @Override
    default Optional<List<String>> linesStartingWith(Path path, List<String> prefixes, int maxBytes, Duration timeout) {
        return files().linesStartingWith(path, prefixes, maxBytes, timeout);
    }

    @Override
    default Optional<FileStat> stat(Path path) {
        return files().stat(path);
    }

    @Override
    default Optional<FileStat> lstat(Path path) {
        return files().lstat(path);
    }

    @Override
    default int userId() {
        return files().userId();
    }

    @Override
    default Optional<Sha256> sha256(Path path) {
        return files().sha256(path);
    }

    @Override
    default List<Path> list(Path dir) {
        return files().list(dir);
    }

    @Override
    default long usableSpace(Path path) {
        return files().usableSpace(path);
    }

    @Override
    default void download(Path path, Path localTarget, Duration timeout, ProgressListener progress) {
        files().download(path, localTarget, timeout, progress);
    }
}

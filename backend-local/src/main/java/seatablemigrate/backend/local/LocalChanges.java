package seatablemigrate.backend.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.LocalCommand;
import seatablemigrate.core.spi.Ownership;
import seatablemigrate.core.spi.ProgressListener;

/**
 * How the local host performs each kind of {@link Change}, as its {@link Change#shell()} form says: files through
 * java.nio (written atomically by {@link AtomicFile}), Compose through its CLI, images and database streams through
 * the engine ({@link LocalHostBackend}, {@link ContainerStreams}). One instance per change (it carries that change's
 * timeout and progress).
 */
final class LocalChanges implements Change.Visitor<Void, IOException> {
    private final LocalHostBackend engine;
    private final ContainerStreams streams;
    private final Duration timeout;
    private final ProgressListener progress;

    LocalChanges(LocalHostBackend engine, ContainerStreams streams, Duration timeout, ProgressListener progress) {
        this.engine = requireNonNull(engine, "engine is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public Void compose(EngineChange.Compose c) {
        ExecResult r = LocalCommand.of(c.argv(), timeout).in(c.projectDir()).withEnvironment(Change.COMPOSE_ENV_UNSET, Map.of()).run();
        if (!r.succeeded()) {
            throw new ChangeFailedException("'" + c.describe() + "' failed in " + c.projectDir() + " (" + r.describe() + ")");
        }
        return null;
    }

    @Override
    public Void fileToContainer(EngineChange.FileToContainer l) throws IOException {
        streams.load(l, timeout);
        return null;
    }

    @Override
    public Void pullImage(EngineChange.PullImage p) {
        if (!(p.onlyIfMissing() && engine.image(p.image().toString()).isPresent())) {
            engine.pull(p.image(), timeout, progress);
        }
        return null;
    }

    @Override
    public Void containerToFile(EngineChange.ContainerToFile d) throws IOException {
        streams.dump(d, timeout, progress);
        return null;
    }

    @Override
    public Void makeDirectory(FileChange.MakeDirectory d) throws IOException {
        switch (d.kind()) {
            case FRESH -> {
                Files.createDirectories(d.dir().getParent());
                Files.createDirectory(d.dir(), PosixFilePermissions.asFileAttribute(FileStat.permissions(d.mode())));
                Files.setPosixFilePermissions(d.dir(), FileStat.permissions(d.mode()));
            }
            case ENSURE -> {
                Files.createDirectories(d.dir());
                Files.setPosixFilePermissions(d.dir(), FileStat.permissions(d.mode()));
            }
            case OWN -> ownFolder(d);
        }
        return null;
    }

    /** As {@code Ownership.shellOwnFolder}: create when nothing is there, then judge what is, never following a link. */
    private void ownFolder(FileChange.MakeDirectory d) throws IOException {
        if (!Files.exists(d.dir(), LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(d.dir(), PosixFilePermissions.asFileAttribute(FileStat.permissions(d.mode())));
                // the umask narrowed the mode given at creation; the folder is new, so it is set on the folder itself
                Files.getFileAttributeView(d.dir(), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(FileStat.permissions(d.mode()));
            } catch (FileAlreadyExistsException e) {
                // someone was quicker: what is there now is judged below
            }
        }
        FileStat stat = engine.lstat(d.dir()).orElseThrow(() -> new ChangeFailedException(d.dir() + " vanished while it was created"));
        Optional<String> why = Ownership.problem(stat, engine.userId())
                .or(() -> stat.isDirectory() ? Optional.empty() : Optional.of("is not a folder"));
        if (why.isPresent()) {
            throw new ChangeFailedException(d.dir() + " " + why.get() + ": refusing it as seatable-migrate's own folder");
        }
    }

    @Override
    public Void copyFile(FileChange.CopyFile c) throws IOException {
        byte[] bytes = Files.readAllBytes(c.source());
        if (!(c.unlessSame() && Files.isRegularFile(c.target()) && Arrays.equals(Files.readAllBytes(c.target()), bytes))) {
            AtomicFile.write(c.target(), bytes, c.mode());
        }
        return null;
    }

    @Override
    public Void writeFile(FileChange.WriteFile w) throws IOException {
        AtomicFile.write(w.target(), w.content(), w.mode());
        return null;
    }

    @Override
    public Void removeFile(FileChange.RemoveFile r) throws IOException {
        if (Files.isDirectory(r.target(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ChangeFailedException(r.target() + " is a directory, not a file");
        }
        Files.deleteIfExists(r.target());
        return null;
    }

    /**
     * rm -rf that cannot be redirected: first every entry is checked as the shell form's {@code find} does (nothing is
     * removed when one is not the tool's own), then the tree is removed relative to open directories
     * ({@link SecureDirectoryStream}, each opened without following a link), so a folder swapped for a symlink mid-way
     * makes the removal fail instead of reaching outside.
     */
    @Override
    public Void removeDirectory(FileChange.RemoveDirectory r) throws IOException {
        Path dir = r.dir();
        Optional<FileStat> top = engine.lstat(dir);
        if (top.isEmpty()) {
            return null;
        }
        if (!top.get().isDirectory()) {
            Files.delete(dir); // a symlink of that name (or a file) is removed itself
            return null;
        }
        int uid = engine.userId();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Optional<String> why = engine.lstat(p).flatMap(s -> Ownership.problem(s, uid));
                if (why.isPresent()) {
                    throw new ChangeFailedException("refusing to remove " + dir + ": " + p + " " + why.get());
                }
            }
        } catch (UncheckedIOException e) {
            throw new ChangeFailedException("refusing to remove " + dir + ": it changed while it was checked (" + e.getCause().getMessage() + ")", e);
        }
        try (DirectoryStream<Path> parent = Files.newDirectoryStream(dir.getParent())) {
            if (!(parent instanceof SecureDirectoryStream<Path> secure)) {
                throw new ChangeFailedException("refusing to remove " + dir + ": this file system cannot remove it without following links");
            }
            removeTree(secure, dir.getFileName());
        }
        return null;
    }

    private static void removeTree(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : dir) {
                Path child = entry.getFileName();
                BasicFileAttributes a = dir.getFileAttributeView(child, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
                if (a.isDirectory()) {
                    removeTree(dir, child);
                } else {
                    dir.deleteFile(child);
                }
            }
        }
        parent.deleteDirectory(name);
    }

    @Override
    public Void setEnvValue(FileEdit.SetEnvValue s) throws IOException {
        if (!Files.isRegularFile(s.envFile())) {
            throw new ChangeFailedException(s.envFile() + " does not exist");
        }
        byte[] edited = EnvFile.parse(Files.readAllBytes(s.envFile())).withValue(s.key(), s.value()).bytes();
        // The file exists, so it keeps its own mode, owner and group; the mode given applies only to a new file.
        AtomicFile.write(s.envFile(), edited, 0600);
        return null;
    }

    @Override
    public Void addGeneratedSecret(FileEdit.AddGeneratedSecret s) throws IOException {
        if (!Files.isRegularFile(s.envFile())) {
            throw new ChangeFailedException(s.envFile() + " does not exist");
        }
        EnvFile env = EnvFile.parse(Files.readAllBytes(s.envFile()));
        if (env.get(s.key()).isEmpty()) { // a key that is set keeps its value: the file is not even rewritten
            AtomicFile.write(s.envFile(), env.withSecretIfAbsent(s.key(), FileEdit.AddGeneratedSecret.LENGTH, new SecureRandom()).bytes(), 0600);
        }
        return null;
    }

    @Override
    public Void writeChecksums(FileEdit.WriteChecksums w) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String name : w.fileNames()) {
            Sha256 sum = engine.sha256(w.dir().resolve(name)).orElseThrow(() -> new ChangeFailedException(name + " is missing in " + w.dir()));
            sb.append(sum.hex()).append("  ").append(name).append('\n');
        }
        AtomicFile.write(w.dir().resolve(FileEdit.WriteChecksums.FILE_NAME), sb.toString().getBytes(StandardCharsets.UTF_8), 0600);
        return null;
    }

    @Override
    public Void appendJournalLine(FileEdit.AppendJournalLine a) throws IOException {
        if (!Files.exists(a.file())) {
            Files.createFile(a.file(), PosixFilePermissions.asFileAttribute(FileStat.permissions(0600)));
        }
        Files.write(a.file(), (a.line(Instant.now()) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        return null;
    }
}

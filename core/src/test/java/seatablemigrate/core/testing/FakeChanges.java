package seatablemigrate.core.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.Ownership;

/**
 * How {@link FakeHost} performs each kind of change, as its shell form says, on the map of files; a kind added to
 * {@link Change} does not compile here until the fake says what it does. Journal lines carry a fixed time.
 */
final class FakeChanges implements Change.Visitor<Void, RuntimeException> {
    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private final FakeHost host;

    FakeChanges(FakeHost host) {
        this.host = host;
    }

    @Override
    public Void compose(EngineChange.Compose c) {
        host.compose(c.args());
        return null;
    }

    @Override
    public Void fileToContainer(EngineChange.FileToContainer c) {
        byte[] input = source(c.source(), c.describe());
        ExecResult r = host.exec(c.container(), c.command(), input);
        if (!r.succeeded()) {
            throw new ChangeFailedException("'" + c.describe() + "' failed (" + r.describe() + ")");
        }
        return null; // what the command did with its input is the container's
    }

    @Override
    public Void pullImage(EngineChange.PullImage c) {
        String image = c.image().toString();
        if (c.onlyIfMissing() && host.image(image).isPresent()) {
            return null;
        }
        if (!host.published(image)) {
            throw new ChangeFailedException("'" + c.describe() + "' failed (manifest for " + image + " not found: manifest unknown)");
        }
        host.image(FakeHost.imageId(image), image);
        return null;
    }

    @Override
    public Void makeDirectory(FileChange.MakeDirectory c) {
        if (c.exclusive() && host.lstat(c.dir()).isPresent()) {
            throw new ChangeFailedException(c.describe() + " failed: it exists");
        }
        if (c.kind() == FileChange.MakeDirectory.Kind.OWN && host.lstat(c.dir()).isPresent()) {
            FileStat s = host.lstat(c.dir()).orElseThrow();
            Ownership.problem(s, host.userId()).or(() -> s.isDirectory() ? Optional.empty() : Optional.of("is not a folder")).ifPresent(why -> {
                throw new ChangeFailedException(c.dir() + " " + why + ": refusing it as seatable-migrate's own folder");
            });
            return null;
        }
        host.makeDirectory(c.dir(), c.mode());
        return null;
    }

    @Override
    public Void copyFile(FileChange.CopyFile c) {
        byte[] bytes = source(c.source(), c.describe());
        host.put(c.target(), bytes, host.mode(c.target()).orElse(c.mode()));
        return null;
    }

    @Override
    public Void writeFile(FileChange.WriteFile c) {
        host.put(c.target(), c.content(), host.mode(c.target()).orElse(c.mode()));
        return null;
    }

    @Override
    public Void removeFile(FileChange.RemoveFile c) {
        if (host.stat(c.target()).filter(s -> s.isDirectory()).isPresent()) {
            throw new ChangeFailedException(c.target() + " is a directory, not a file");
        }
        host.remove(c.target());
        return null;
    }

    @Override
    public Void removeDirectory(FileChange.RemoveDirectory c) {
        if (host.lstat(c.dir()).filter(FileStat::isDirectory).isPresent()) {
            for (Path p : host.tree(c.dir())) {
                host.lstat(p).flatMap(s -> Ownership.problem(s, host.userId())).ifPresent(why -> {
                    throw new ChangeFailedException("refusing to remove " + c.dir() + ": " + p + " " + why);
                });
            }
        }
        host.removeTree(c.dir());
        return null;
    }

    @Override
    public Void setEnvValue(FileEdit.SetEnvValue c) {
        byte[] env = host.readFile(c.envFile()).orElseThrow(() -> new ChangeFailedException(c.envFile() + " does not exist"));
        host.put(c.envFile(), EnvFile.parse(env).withValue(c.key(), c.value()).bytes(), host.mode(c.envFile()).orElse(0600));
        return null;
    }

    @Override
    public Void addGeneratedSecret(FileEdit.AddGeneratedSecret c) {
        byte[] env = host.readFile(c.envFile()).orElseThrow(() -> new ChangeFailedException(c.envFile() + " does not exist"));
        host.put(c.envFile(), EnvFile.parse(env).withSecretIfAbsent(c.key(), FileEdit.AddGeneratedSecret.LENGTH, new java.util.Random(7)).bytes(),
                host.mode(c.envFile()).orElse(0600));
        return null;
    }

    @Override
    public Void containerToFile(EngineChange.ContainerToFile c) {
        ExecResult r = host.exec(c.container(), c.command(), new byte[0]);
        host.put(c.target(), r.stdout().getBytes(StandardCharsets.UTF_8), 0600); // made anew before the command runs
        if (!r.succeeded()) {
            throw new ChangeFailedException("'" + c.describe() + "' in container " + c.container() + " failed (" + r.describe() + ")");
        }
        return null;
    }

    @Override
    public Void writeChecksums(FileEdit.WriteChecksums c) {
        StringBuilder sb = new StringBuilder();
        for (String name : c.fileNames()) {
            Sha256 sum = host.sha256(c.dir().resolve(name)).orElseThrow(() -> new ChangeFailedException(name + " is missing in " + c.dir()));
            sb.append(sum.hex()).append("  ").append(name).append('\n');
        }
        host.put(c.dir().resolve(FileEdit.WriteChecksums.FILE_NAME), sb.toString().getBytes(StandardCharsets.UTF_8), 0600);
        return null;
    }

    @Override
    public Void appendJournalLine(FileEdit.AppendJournalLine c) {
        byte[] old = host.readFile(c.file()).orElse(new byte[0]);
        host.put(c.file(), (new String(old, StandardCharsets.UTF_8) + c.line(NOW) + "\n").getBytes(StandardCharsets.UTF_8),
                host.mode(c.file()).orElse(0600));
        return null;
    }

    private byte[] source(Path source, String what) {
        return host.readFile(source).orElseThrow(() -> new ChangeFailedException(what + " failed: " + source + ": no such file"));
    }
}

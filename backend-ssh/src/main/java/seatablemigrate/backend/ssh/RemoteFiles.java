package seatablemigrate.backend.ssh;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPException;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.DownloadTarget;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostFiles;
import seatablemigrate.core.spi.LineStarts;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.spi.Shell;

/**
 * The remote host's files for {@link SshHostBackend}: through SFTP as the login, or with {@code --sudo} through
 * commands run with sudo (SFTP cannot read root's 0600 files as another login). Bytes come back exactly (commands
 * send them as base64). Commands use the host toolset of {@link seatablemigrate.core.spi.Change#shell()}, here
 * {@code stat [-L] -c}, {@code id -u}, {@code base64}, {@code tail -c}, {@code sha256sum} and {@code df -k}.
 */
final class RemoteFiles implements HostFiles {
    private final RemoteShell shell;

    RemoteFiles(RemoteShell shell) {
        this.shell = requireNonNull(shell, "shell is null");
    }

    @Override
    public Optional<byte[]> readFile(Path path) {
        Optional<FileStat> stat = stat(path);
        if (stat.isEmpty() || !stat.get().isRegular()) {
            return Optional.empty();
        }
        if (shell.sudo()) {
            String b64 = shell.ok("base64 -- " + Shell.quote(path.toString()), "reading " + path).strip();
            return Optional.of(Base64.getMimeDecoder().decode(b64));
        }
        try (RemoteFile f = shell.ssh().sftp().open(path.toString())) {
            byte[] out = new byte[(int) f.length()];
            int off = 0;
            while (off < out.length) {
                int n = f.read(off, out, off, out.length - off);
                if (n < 0) {
                    break;
                }
                off += n;
            }
            return Optional.of(off == out.length ? out : Arrays.copyOf(out, off));
        } catch (IOException e) {
            throw new MigrateException("cannot read " + path + " on " + shell.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> readTail(Path path, int maxBytes) {
        if (stat(path).filter(FileStat::isRegular).isEmpty()) {
            return Optional.empty();
        }
        // Through base64, so that any byte comes back as it is (a log is not always UTF-8).
        String b64 = shell.ok("tail -c " + maxBytes + " -- " + Shell.quote(path.toString()) + " | base64", "reading " + path);
        return Optional.of(Base64.getMimeDecoder().decode(b64.strip()));
    }

    /** Through grep on the host ({@link seatablemigrate.core.spi.LineStarts#shell}): only the kept beginnings cross the network. */
    @Override
    public Optional<List<String>> linesStartingWith(Path path, List<String> prefixes, int maxBytes, Duration timeout) {
        if (stat(path).filter(FileStat::isRegular).isEmpty()) {
            return Optional.empty();
        }
        ExecResult r = shell.run(LineStarts.shell(path, prefixes, maxBytes), timeout);
        if (!r.succeeded()) {
            throw new HostUnavailableException("reading " + path + " on " + shell.describe() + " failed (" + r.describe() + ")");
        }
        // Lines end at \n only, as LineStarts reads them (a \r inside a line is part of it).
        return Optional.of(r.stdout().isEmpty() ? List.of() : List.of(r.stdout().split("\n")));
    }

    @Override
    public Optional<FileStat> stat(Path path) {
        return stat(path, true);
    }

    @Override
    public Optional<FileStat> lstat(Path path) {
        return stat(path, false);
    }

    private Optional<FileStat> stat(Path path, boolean follow) {
        if (shell.sudo()) {
            ExecResult r = shell.run("stat " + (follow ? "-L " : "") + "-c '%F|%s|%a|%u' -- " + Shell.quote(path.toString()), RemoteShell.QUERY_TIMEOUT);
            if (!r.succeeded()) {
                return Optional.empty();
            }
            String[] p = r.stdout().strip().split("\\|");
            if (p.length != 4 || !p[1].matches("\\d{1,18}") || !p[2].matches("[0-7]{1,5}") || !p[3].matches("\\d{1,10}")) {
                throw new HostUnavailableException("stat on " + shell.describe() + " answered something unreadable for " + path);
            }
            FileStat.Type type = p[0].startsWith("regular") ? FileStat.Type.REGULAR : p[0].equals("directory") ? FileStat.Type.DIRECTORY
                    : p[0].equals("symbolic link") ? FileStat.Type.SYMLINK : FileStat.Type.OTHER;
            return Optional.of(new FileStat(type, Long.parseLong(p[1]), Integer.parseInt(p[2], 8), Integer.parseUnsignedInt(p[3])));
        }
        try {
            FileAttributes a;
            if (follow) {
                a = shell.ssh().sftp().statExistence(path.toString());
            } else {
                try {
                    a = shell.ssh().sftp().lstat(path.toString());
                } catch (SFTPException e) {
                    if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }
            if (a == null) {
                return Optional.empty();
            }
            FileMode.Type t = a.getType();
            FileStat.Type type = t == FileMode.Type.REGULAR ? FileStat.Type.REGULAR
                    : t == FileMode.Type.DIRECTORY ? FileStat.Type.DIRECTORY : t == FileMode.Type.SYMLINK ? FileStat.Type.SYMLINK : FileStat.Type.OTHER;
            return Optional.of(new FileStat(type, a.getSize(), a.getMode().getPermissionsMask() & 07777, a.getUID()));
        } catch (IOException e) {
            throw new MigrateException("cannot inspect " + path + " on " + shell.describe() + ": " + e.getMessage(), e);
        }
    }

    private Integer userId;

    /** {@code id -u} as commands run (through sudo: root), asked once. */
    @Override
    public synchronized int userId() {
        if (userId == null) {
            String out = shell.ok("id -u", "asking which user seatable-migrate runs as").strip();
            if (!out.matches("\\d{1,10}")) {
                throw new HostUnavailableException("id -u on " + shell.describe() + " did not answer a user ID");
            }
            userId = Integer.parseUnsignedInt(out);
        }
        return userId;
    }

    @Override
    public Optional<Sha256> sha256(Path path) {
        if (stat(path).filter(FileStat::isRegular).isEmpty()) {
            return Optional.empty();
        }
        String out = shell.ok("sha256sum -- " + Shell.quote(path.toString()), "checksumming " + path);
        return Optional.of(new Sha256(out.substring(0, 64)));
    }

    @Override
    public List<Path> list(Path dir) {
        if (stat(dir).filter(FileStat::isDirectory).isEmpty()) {
            return List.of();
        }
        if (shell.sudo()) {
            return Arrays.stream(shell.ok("ls -1A -- " + Shell.quote(dir.toString()), "listing " + dir).split("\n"))
                    .filter(n -> !n.isEmpty()).map(dir::resolve).sorted().toList();
        }
        try {
            List<Path> out = new ArrayList<>();
            for (RemoteResourceInfo i : shell.ssh().sftp().ls(dir.toString())) {
                if (!i.getName().equals(".") && !i.getName().equals("..")) {
                    out.add(dir.resolve(i.getName()));
                }
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new MigrateException("cannot list " + dir + " on " + shell.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long usableSpace(Path path) {
        String out = shell.ok("d=" + Shell.quote(path.toString()) + "; while [ ! -e \"$d\" ]; do d=$(dirname \"$d\"); done; "
                + "df -P -k \"$d\" | awk 'NR==2 {print $4}'", "measuring free space at " + path);
        if (!out.strip().matches("\\d{1,15}")) {
            // Remote output is untrusted: an odd df (a locale, a wrapper) is a clear refusal, never a crash.
            throw new HostUnavailableException("df on " + shell.describe() + " did not answer a number of KiB for " + path
                    + " (it said '" + Shell.printable(out.strip().lines().findFirst().orElse("")) + "')");
        }
        return Long.parseLong(out.strip()) * 1024; // POSIX df -k counts KiB
    }

    @Override
    public void download(Path path, Path localTarget, Duration timeout, ProgressListener progress) {
        long size = stat(path).filter(FileStat::isRegular).map(FileStat::size)
                .orElseThrow(() -> new MigrateException(path + " is not a file on " + shell.describe()));
        try (DownloadTarget target = DownloadTarget.open(localTarget, size, progress)) {
            ExecResult r = shell.ssh().stream(shell.privileged("cat -- " + Shell.quote(path.toString())), target.stream(), timeout);
            if (!r.succeeded()) {
                throw new MigrateException("cannot fetch " + path + " from " + shell.describe() + ": " + r.describe());
            }
            target.commit();
        } catch (IOException e) {
            throw new MigrateException("cannot write " + localTarget + ": " + e.getMessage(), e);
        }
    }
}

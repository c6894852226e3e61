package seatablemigrate.core.backup;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import seatablemigrate.core.MigrateException;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.Shell;

/**
 * Copies a run's backup folder from the host to a folder on the machine the tool runs on ({@code --fetch-backup}),
 * with progress, and checks every copied file against the backup's {@code SHA256SUMS}. A read of the host: it
 * changes nothing there, so its failure never changes a run's outcome; it is reported, and the backup stays on
 * the host.
 */
public final class BackupFetch {
    /** Files of a run folder that are not in its checksums: they are written after them. */
    private static final List<String> ALSO = List.of(RunFolder.CHECKSUMS, RunFolder.MANIFEST, RunFolder.JOURNAL, RunFolder.LOG);

    private final HostBackend host;
    private final Interruption interruption;

    public BackupFetch(HostBackend host, Interruption interruption) {
        this.host = requireNonNull(host, "host is null");
        this.interruption = requireNonNull(interruption, "interruption is null");
    }

    /**
     * Copies {@code runDir} to {@code localRoot/<run>}; reports what it did or why it could not. The host's
     * {@code SHA256SUMS} is untrusted: it may name only the files this run wrote ({@code expected}), by the names the
     * run gave them; any other name (a path, {@code ..}, an absolute name) fails the fetch before anything is written.
     */
    public void fetch(Path runDir, List<String> expected, Path localRoot, Reporter reporter) {
        Path local = localRoot.resolve(runDir.getFileName());
        Map<String, String> sums = checksums(runDir);
        if (sums.isEmpty()) {
            reporter.warn("no backup was written in " + runDir + " on " + host.describe() + ": nothing to fetch");
            return;
        }
        List<String> foreign = sums.keySet().stream().filter(n -> !expected.contains(n) || !inside(local, n)).toList();
        if (!foreign.isEmpty()) {
            reporter.warn("fetching the backup to " + local + " refused: its checksum list on " + host.describe() + " names files this run"
                    + " did not write (" + String.join(", ", foreign.stream().map(Shell::printable).toList())
                    + "); nothing was copied, the backup stays in " + runDir);
            return;
        }
        List<String> names = new ArrayList<>(sums.keySet());
        ALSO.stream().filter(n -> host.stat(runDir.resolve(n)).filter(FileStat::isRegular).isPresent()).forEach(names::add);
        Map<String, Long> sizes = new LinkedHashMap<>();
        names.forEach(n -> sizes.put(n, host.stat(runDir.resolve(n)).map(FileStat::size).orElse(0L)));
        long all = sizes.values().stream().mapToLong(Long::longValue).sum();
        long bytes = 0;
        try {
            Files.createDirectories(local, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String name : names) {
                Path target = local.resolve(name);
                Files.createDirectories(target.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                long before = bytes;
                long size = sizes.get(name);
                // As slow as 1 MB/s and five minutes more before a copy counts as stuck.
                Duration timeout = Duration.ofMinutes(5).plusSeconds(size / 1_000_000);
                host.download(runDir.resolve(name), target, timeout, (done, total, unit, note) -> {
                    if (interruption.requested()) {
                        throw new Stopped();
                    }
                    reporter.progress("fetch the backup to " + local, before + done, all, unit, "");
                });
                bytes += size;
            }
            List<String> bad = new ArrayList<>();
            for (Map.Entry<String, String> e : sums.entrySet()) {
                if (!sha256(local.resolve(e.getKey())).hex().equals(e.getValue())) {
                    bad.add(e.getKey());
                }
            }
            if (!bad.isEmpty()) {
                reporter.warn("the backup fetched to " + local + " does NOT match its checksums (" + String.join(", ", bad)
                        + "); the backup on the host stays in " + runDir);
                return;
            }
            reporter.info("backup fetched to " + local + ": " + names.size() + " files, " + Bytes.human(bytes) + ", checksums verified");
        } catch (Stopped | MigrateException | IOException e) {
            String why = interruption.requested() ? "interrupted" : e.getMessage();
            reporter.warn("fetching the backup to " + local + " failed (" + why + "); it stays on " + host.describe() + " in " + runDir);
        }
    }

    /** Whether {@code name} stays inside {@code dir} (a second line of defence behind the list of expected names). */
    private static boolean inside(Path dir, String name) {
        Path p = dir.resolve(name).normalize();
        return !Path.of(name).isAbsolute() && p.startsWith(dir.normalize()) && !p.equals(dir.normalize());
    }

    private Map<String, String> checksums(Path runDir) {
        Map<String, String> sums = new LinkedHashMap<>();
        host.readFile(new RunFolder(runDir).checksums()).ifPresent(b -> {
            for (String line : new String(b, StandardCharsets.UTF_8).split("\n")) {
                if (line.length() > 66) {
                    sums.put(line.substring(66), line.substring(0, 64));
                }
            }
        });
        return sums;
    }

    private static Sha256 sha256(Path file) throws IOException {
        MessageDigest d = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return new Sha256(HexFormat.of().formatHex(d.digest()));
    }

    /** Thrown from the progress callback to stop a copy on Ctrl-C. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("interrupted", null, false, false);
        }
    }
}

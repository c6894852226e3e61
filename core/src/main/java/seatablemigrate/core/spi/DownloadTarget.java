package seatablemigrate.core.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file a {@link HostBackend#download} writes on the machine the tool runs on: a temporary file beside the
 * target, mode 0600 from its creation (backups hold data and secrets), moved in place by {@link #commit()}; closed
 * without a commit, it is removed. Its stream reports the bytes written to a {@link ProgressListener}.
 */
public final class DownloadTarget implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final OutputStream out;
    private boolean committed;

    private DownloadTarget(Path target, Path tmp, OutputStream out) {
        this.target = target;
        this.tmp = tmp;
        this.out = out;
    }

    /** Opens the temporary file for {@code target}; {@code total} is the expected size (-1 when unknown). */
    public static DownloadTarget open(Path target, long total, ProgressListener progress) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new DownloadTarget(target, tmp, new Counting(file, total, progress));
    }

    /** Where the bytes go. */
    public OutputStream stream() {
        return out;
    }

    /** Flushes, closes and moves the complete file in place. */
    public void commit() throws IOException {
        out.close();
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            Files.deleteIfExists(tmp);
        }
    }

    private static final class Counting extends OutputStream {
        private final OutputStream out;
        private final long total;
        private final ProgressListener progress;
        private long done;
        private boolean closed;

        Counting(OutputStream out, long total, ProgressListener progress) {
            this.out = out;
            this.total = total;
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            progress.progress(++done, total, "bytes", "");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            done += len;
            progress.progress(done, total, "bytes", "");
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.close();
            }
        }
    }
}

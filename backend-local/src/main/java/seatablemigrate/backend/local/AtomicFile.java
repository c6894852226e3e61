package seatablemigrate.backend.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import seatablemigrate.core.spi.FileStat;

/**
 * Replaces a file atomically: a temporary file beside the target, synced, then a rename, then the directory synced.
 * An existing target keeps its mode, owner and group, and a symlink is followed (the file it points to is replaced,
 * beside itself); a new target gets the mode given. The temporary file is removed when anything fails.
 */
final class AtomicFile {
    static final String TMP_SUFFIX = ".seatable-migrate.tmp";

    private AtomicFile() {}

    static void write(Path target, byte[] content, int mode) throws IOException {
        Path real = Files.isSymbolicLink(target) ? target.toRealPath() : target;
        Optional<PosixFileAttributes> keep = Files.exists(real, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(Files.readAttributes(real, PosixFileAttributes.class))
                : Optional.empty();
        Path tmp = real.resolveSibling(real.getFileName() + TMP_SUFFIX);
        Files.deleteIfExists(tmp);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(FileStat.permissions(0600)))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, keep.map(PosixFileAttributes::permissions).orElse(FileStat.permissions(mode)));
            if (keep.isPresent()) {
                var view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
                view.setOwner(keep.get().owner());
                view.setGroup(keep.get().group());
            }
            Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(real.getParent());
    }

    /** Makes a rename durable: the directory entry is on disk before the change counts as done. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to sync a directory; the rename itself is atomic there too.
        }
    }
}

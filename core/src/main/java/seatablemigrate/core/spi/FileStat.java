package seatablemigrate.core.spi;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a path is on the host. {@code mode} holds the permission bits (e.g. 0600), {@code uid} the owner's numeric user
 * ID. {@link Type#SYMLINK} comes only from {@link HostFiles#lstat}, which does not follow a link.
 */
public record FileStat(Type type, long size, int mode, int uid) {
    public enum Type { REGULAR, DIRECTORY, SYMLINK, OTHER }

    public FileStat {
        Objects.requireNonNull(type, "type is null");
    }

    public boolean isRegular() {
        return type == Type.REGULAR;
    }

    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }

    public boolean isSymlink() {
        return type == Type.SYMLINK;
    }

    /** Permission bits (e.g. 0640) as java.nio names them. */
    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    /** java.nio's permissions as permission bits (e.g. 0640). */
    public static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= switch (p) {
                case OWNER_READ -> 0400; case OWNER_WRITE -> 0200; case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040; case GROUP_WRITE -> 020; case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04; case OTHERS_WRITE -> 02; case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }
}

package seatablemigrate.core.spi;

/** What a path is on the host. {@code mode} holds the permission bits (e.g. 0600). */
public record FileStat(Type type, long size, int mode) {
    public enum Type { REGULAR, DIRECTORY, OTHER }

    public boolean isRegular() {
        return type == Type.REGULAR;
    }

    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }
}

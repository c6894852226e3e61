package seatablemigrate.core.model;

/** A {@code .env} line that Compose would not read as we do. The message names the line, never its value. */
public final class EnvFileFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public EnvFileFormatException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** A problem of lines {@code first} to {@code last} (a value over several lines); {@link #line} is the first. */
    public EnvFileFormatException(int first, int last, String problem) {
        super("lines " + first + "-" + last + ": " + problem);
        this.line = first;
    }

    public int line() {
        return line;
    }
}

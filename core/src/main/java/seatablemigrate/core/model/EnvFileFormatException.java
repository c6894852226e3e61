package seatablemigrate.core.model;

/** A {@code .env} line that Compose would not read as we do. The message names the line, never its value. */
public final class EnvFileFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public EnvFileFormatException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}

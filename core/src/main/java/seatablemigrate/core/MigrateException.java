package seatablemigrate.core;

/**
 * Root of the tool's own failures. Messages name the host and the step, never a secret: they are shown to the
 * user as they are.
 */
public class MigrateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MigrateException(String message) {
        super(message);
    }

    public MigrateException(String message, Throwable cause) {
        super(message, cause);
    }
}

package seatablemigrate.core;

/** A change to the host did not complete; the host may be partly changed (the runner decides what follows). */
public class ChangeFailedException extends MigrateException {
    private static final long serialVersionUID = 1L;

    public ChangeFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChangeFailedException(String message) {
        super(message);
    }
}

package seatablemigrate.core;

/** Bad input from the user: an option value, a file, a target. Exit code 2. */
public class UsageException extends MigrateException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}

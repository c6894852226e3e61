package seatablemigrate.core;

/** The host, its Docker engine or its Compose cannot be reached or used at all. */
public class HostUnavailableException extends MigrateException {
    private static final long serialVersionUID = 1L;

    public HostUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public HostUnavailableException(String message) {
        super(message);
    }
}

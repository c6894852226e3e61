package seatablemigrate.core;

/**
 * The host could not be reached or logged in to: its name is not found, nothing listens, no answer in time, its host
 * key is refused, or authentication failed. Nothing on it was read or changed; the message names the host and the
 * real cause, never a secret.
 */
public class HostUnreachableException extends HostUnavailableException {
    private static final long serialVersionUID = 1L;

    public HostUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    public HostUnreachableException(String message) {
        super(message);
    }
}

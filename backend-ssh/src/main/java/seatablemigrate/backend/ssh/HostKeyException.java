package seatablemigrate.backend.ssh;

import seatablemigrate.core.HostUnavailableException;

/** The host's key is unknown or changed; the message gives its fingerprint and what to do. */
public final class HostKeyException extends HostUnavailableException {
    private static final long serialVersionUID = 1L;

    public HostKeyException(String message) {
        super(message);
    }
}

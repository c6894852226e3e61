package seatablemigrate.backend.ssh;

import seatablemigrate.core.HostUnreachableException;

/** The host's key is unknown or changed; the message gives its fingerprint and what to do. */
public final class HostKeyException extends HostUnreachableException {
    private static final long serialVersionUID = 1L;

    public HostKeyException(String message) {
        super(message);
    }
}

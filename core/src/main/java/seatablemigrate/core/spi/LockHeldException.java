package seatablemigrate.core.spi;

import seatablemigrate.core.MigrateException;

/** Another run holds the lock. The message says who (pid, host, since when). */
public final class LockHeldException extends MigrateException {
    private static final long serialVersionUID = 1L;

    public LockHeldException(String message) {
        super(message);
    }
}

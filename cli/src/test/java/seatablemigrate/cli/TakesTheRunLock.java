package seatablemigrate.cli;

import com.sun.security.auth.module.UnixSystem;

/**
 * Whether this test process can take the lock every run takes on a project, in root's {@code /run/seatable-migrate}
 * ({@code RunPointer.LOCK_DIR}): only as root. Unit tests that run a locking command on this machine (prune) need it;
 * {@code mvn test} as another user passes them over.
 */
final class TakesTheRunLock {
    static final String WHY = "the run lock is in root's /run/seatable-migrate: needs root";

    private TakesTheRunLock() {}

    static boolean possible() {
        return new UnixSystem().getUid() == 0;
    }
}

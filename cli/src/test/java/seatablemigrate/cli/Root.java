package seatablemigrate.cli;

import com.sun.security.auth.module.UnixSystem;

/**
 * Whether the tests run as root (CI does). Unit tests that need it say why in their assumption: those that give files
 * away to another user, and those that run a command taking the run lock, which lives in root's
 * {@code /run/seatable-migrate} ({@code RunPointer.LOCK_DIR}; a lock folder another user owns is refused by design).
 */
final class Root {
    static final String RUN_LOCK = "takes the run lock in root's /run/seatable-migrate: needs root";

    private Root() {}

    static boolean running() {
        return new UnixSystem().getUid() == 0;
    }
}

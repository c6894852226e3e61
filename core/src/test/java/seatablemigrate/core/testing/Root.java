package seatablemigrate.core.testing;

import com.sun.security.auth.module.UnixSystem;

/**
 * Whether the tests run as root (CI does). Tests that need it say why in their assumption: those that act as another
 * user ({@link OtherUser}), and those that take the run lock, which lives in root's {@code /run/seatable-migrate}
 * ({@code RunPointer.LOCK_DIR}; a lock folder another user owns is refused by design), so that {@code mvn test} as
 * another user passes them over.
 */
public final class Root {
    /** The reason a test that takes the run lock gives for needing root. */
    public static final String RUN_LOCK = "takes the run lock in root's /run/seatable-migrate: needs root";

    private Root() {}

    public static boolean running() {
        return new UnixSystem().getUid() == 0;
    }
}

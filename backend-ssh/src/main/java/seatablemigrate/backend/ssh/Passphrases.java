package seatablemigrate.backend.ssh;

import java.io.Console;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Where the passphrase of an encrypted key file comes from, asked only when such a key is tried: a fixed value
 * (the {@value SshBackendProvider#PASSPHRASE_VARIABLE} environment variable), or, as {@code ssh} does, a prompt on
 * the terminal (never on stdout, so JSON output stays clean; three attempts per key). Without either, the key is
 * skipped and {@link #wentUnanswered} tells the failure message so.
 */
public final class Passphrases {
    private static final int ATTEMPTS = 3;
    private final Optional<char[]> fixed;
    private final Optional<Console> terminal;
    private final Set<Path> unanswered = new HashSet<>();

    private Passphrases(Optional<char[]> fixed, Optional<Console> terminal) {
        this.fixed = fixed;
        this.terminal = terminal;
    }

    /** No passphrase: encrypted keys cannot be used. */
    public static Passphrases none() {
        return new Passphrases(Optional.empty(), Optional.empty());
    }

    /** Always this passphrase. */
    public static Passphrases of(char[] passphrase) {
        return new Passphrases(Optional.of(passphrase.clone()), Optional.empty());
    }

    /** The environment variable if set, else a prompt when the tool runs on a terminal. */
    public static Passphrases fromEnvironmentOrTerminal() {
        Optional<char[]> env = Optional.ofNullable(System.getenv(SshBackendProvider.PASSPHRASE_VARIABLE)).map(String::toCharArray);
        return new Passphrases(env, env.isPresent() ? Optional.empty() : Optional.ofNullable(System.console()));
    }

    /** The passphrase source for one key file (sshj does not say which file it decrypts). */
    PasswordFinder forKey(Path keyFile) {
        return new PasswordFinder() {
            private int asked;

            @Override
            public char[] reqPassword(Resource<?> resource) {
                if (fixed.isPresent()) {
                    return fixed.get().clone();
                }
                if (terminal.isEmpty()) {
                    synchronized (unanswered) {
                        unanswered.add(keyFile);
                    }
                    return null;
                }
                asked++;
                return terminal.get().readPassword("Enter passphrase for key '%s': ", keyFile);
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return fixed.isEmpty() && terminal.isPresent() && asked < ATTEMPTS;
            }
        };
    }

    /** Whether this key file needed a passphrase and none could be given. */
    public boolean wentUnanswered(Path keyFile) {
        synchronized (unanswered) {
            return unanswered.contains(keyFile);
        }
    }
}

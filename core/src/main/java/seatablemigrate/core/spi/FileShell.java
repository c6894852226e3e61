package seatablemigrate.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** What the shell forms of file changes share: how a file is replaced, and programs kept as resources (an awk edit). */
final class FileShell {
    private FileShell() {}

    /**
     * The start of every shell form that replaces a file: {@code $t} is the file itself (a symlink followed, so that
     * its target is replaced beside itself), {@code $tmp} the temporary file beside it.
     */
    static String replacing(Path file) {
        return "t=" + Shell.quote(file.toString()) + "; if [ -L \"$t\" ]; then t=$(readlink -f -- \"$t\"); fi; tmp=\"$t.seatable-migrate.tmp\";";
    }

    /** A text resource beside this interface (UTF-8). */
    static String resource(String name) {
        try (InputStream in = FileShell.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the host wrote (a container's name, an image, a message from a remote command) reaches the terminal as text:
 * its control characters and escape sequences are shown escaped, whatever command prints it. The tool's own terminal
 * control (the progress line) still works.
 */
class TerminalWriterTest {
    /** A name that would retitle the window, ring, return to the line start, erase it and print a fake verdict. */
    private static final String HOSTILE = "db\u001b]0;pwned\u0007\r\u001b[2KDone: all good\u009b31m\u202e";

    @TempDir
    Path tmp;

    private static void assertNoControl(String text) {
        assertThat(text.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) || c == 0x202e).count())
                .as("control characters in:\n%s", text).isZero();
    }

    @Test
    void hostTextInACommandsOutputIsShownEscaped() throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("compose"));
        try (var files = Files.list(ComposeProject.EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path db = copy.resolve("mariadb.yml");
        Files.writeString(db, Files.readString(db).replace("container_name: mariadb", "container_name: \"db\\e]0;pwned\\a\\r\\e[2KDone: all good\\x9b31m\\u202e\""));
        for (String[] args : new String[][] {{"status", "--offline", "--compose-dir", copy.toString()},
                {"plan", "--offline", "--to", "developer", "--version", "5.3.0", "--compose-dir", copy.toString()}}) {
            LocalMigrationIT.Run r = LocalMigrationIT.cli(args);
            if (args[0].equals("status")) {
                assertThat(r.out()).as(r.err()).contains("container db\\x1b]0;pwned\\x07\\r\\x1b[2KDone: all good\\x9b31m\\u202e,");
            }
            assertNoControl(r.out());
            assertNoControl(r.err());
        }
    }

    @Test
    void theProgressLineIsTheToolsOwnControl() {
        StringWriter sink = new StringWriter();
        TerminalWriter out = new TerminalWriter(new PrintWriter(sink));
        ConsoleReporter reporter = new ConsoleReporter(out, true);
        reporter.progress("pulling " + HOSTILE, 1, 2, "layers", "");
        reporter.info("next");
        assertThat(sink.toString()).startsWith("\r\u001b[K    pulling db\\x1b]0;pwned\\x07\\r\\x1b[2KDone: all good\\x9b31m\\u202e (1 of 2 layers)")
                .endsWith("\nnext\n");
        assertNoControl(sink.toString().substring("\r\u001b[K".length()));
    }
}

package seatablemigrate.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.Supplier;
import seatablemigrate.core.spi.Shell;

/**
 * The CLI's output to people, stdout and stderr alike ({@link Main} sets it up once, so every command's text passes
 * here): a control character from anywhere (a container's name, an image, a remote command's message, a backup's
 * manifest) is shown as its escape ({@link Shell#escape}: {@code \x1b}, {@code \r}), so the host cannot move the cursor,
 * rewrite a line, retitle the window or reorder text on the admin's terminal. Newlines pass. The tool's own terminal
 * control (the progress line, the fleet's live view, picocli's coloured help) is written through {@link #control} and
 * {@link #trusted}, which pass it unchanged for the calling thread only. JSON needs nothing: it escapes them itself.
 */
final class TerminalWriter extends PrintWriter {
    private final Escaping escaping;

    TerminalWriter(PrintWriter terminal) {
        this(new Escaping(terminal));
    }

    private TerminalWriter(Escaping escaping) {
        super(escaping, true);
        this.escaping = escaping;
    }

    /** Writes the tool's own control sequence (e.g. {@code \r\033[K}) unchanged. */
    void control(String sequence) {
        trusted(() -> {
            print(sequence);
            return null;
        });
    }

    /** Runs {@code output}, whose text is the tool's own (help with its colours), with nothing escaped. */
    <T> T trusted(Supplier<T> output) {
        escaping.trusted.set(true);
        try {
            return output.get();
        } finally {
            flush();
            escaping.trusted.set(false);
        }
    }

    /** The tool's own control sequence to {@code out}: unchanged through a TerminalWriter, and as it is to any other writer. */
    static void control(PrintWriter out, String sequence) {
        if (out instanceof TerminalWriter t) {
            t.control(sequence);
        } else {
            out.print(sequence);
        }
    }

    /** {@code output} to {@code out} with nothing escaped, when {@code out} is a TerminalWriter. */
    static <T> T trusted(PrintWriter out, Supplier<T> output) {
        return out instanceof TerminalWriter t ? t.trusted(output) : output.get();
    }

    /** The filter: escapes per character as it is written, in the writing thread. */
    private static final class Escaping extends Writer {
        private final PrintWriter terminal;
        private final ThreadLocal<Boolean> trusted = ThreadLocal.withInitial(() -> false);

        Escaping(PrintWriter terminal) {
            this.terminal = terminal;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            if (trusted.get()) {
                terminal.write(buf, off, len);
                return;
            }
            StringBuilder sb = new StringBuilder(len);
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                sb.append(c != '\n' && Shell.isControl(c) ? Shell.escape(c) : String.valueOf(c));
            }
            terminal.write(sb.toString());
        }

        @Override
        public void flush() {
            terminal.flush();
        }

        @Override
        public void close() {
            terminal.flush();
        }
    }
}

package seatablemigrate.cli;

import java.io.Writer;
import java.util.function.Consumer;

/** A Writer that hands each complete line (without its newline) to a consumer: for reading a run's output as it comes. */
final class LineWriter extends Writer {
    private final Consumer<String> lines;
    private final StringBuilder current = new StringBuilder();

    LineWriter(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                current.append(c);
            }
        }
    }

    private void emit() {
        String line = current.toString();
        current.setLength(0);
        lines.accept(line);
    }

    @Override
    public void flush() {}

    /** Hands over a last line that had no newline. */
    @Override
    public synchronized void close() {
        if (current.length() > 0) {
            emit();
        }
    }
}

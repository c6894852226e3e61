package seatablemigrate.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Java form of {@link HostFiles#linesStartingWith}: reads a stream once through a buffer and keeps the first bytes
 * of each line that starts with one of the prefixes. Memory is bounded by what is kept, not by the length of the file
 * or of a line (a dump's lines run to megabytes). Its shell form is {@link #shell}.
 */
public final class LineStarts {
    private LineStarts() {}

    /** The lines of {@code in} starting with one of {@code prefixes}, each cut to {@code maxBytes} bytes, in order. */
    public static List<String> read(InputStream in, List<String> prefixes, int maxBytes) throws IOException {
        List<byte[]> wanted = prefixes.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
        List<String> out = new ArrayList<>();
        // Enough of each line to compare with the longest prefix, even when less is kept.
        byte[] line = new byte[Math.max(maxBytes, wanted.stream().mapToInt(p -> p.length).max().orElse(0))];
        byte[] buffer = new byte[1 << 16];
        int length = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    collect(out, line, length, maxBytes, wanted);
                    length = 0;
                } else if (length < line.length) {
                    line[length++] = buffer[i];
                }
            }
        }
        collect(out, line, length, maxBytes, wanted);
        return out;
    }

    private static void collect(List<String> out, byte[] line, int length, int maxBytes, List<byte[]> wanted) {
        if (matches(line, length, wanted)) {
            out.add(new String(line, 0, Math.min(length, maxBytes), StandardCharsets.UTF_8));
        }
    }

    private static boolean matches(byte[] line, int length, List<byte[]> wanted) {
        for (byte[] p : wanted) {
            if (length >= p.length && Arrays.equals(line, 0, p.length, p, 0, p.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The shell form for a host: {@code grep} with each prefix as a fixed start of line (basic regular expression,
     * special characters escaped), then {@code cut -b}, in the C locale so that bytes are bytes.
     */
    public static String shell(Path path, List<String> prefixes, int maxBytes) {
        StringBuilder sb = new StringBuilder("LC_ALL=C grep");
        for (String p : prefixes) {
            sb.append(" -e ").append(Shell.quote("^" + p.replaceAll("([\\\\.\\[\\]*^$])", "\\\\$1")));
        }
        return sb.append(" -- ").append(Shell.quote(path.toString())).append(" | LC_ALL=C cut -b 1-").append(maxBytes).toString();
    }
}

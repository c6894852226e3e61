package seatablemigrate.core.spi;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one renderer through which values reach a shell script: POSIX quoting for words, and comment lines whose
 * text can never end the comment. A quoted word is never interpreted by the shell; a comment is one line.
 */
public final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {}

    /** One word, single-quoted when it holds anything but safe characters. */
    public static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Words joined by spaces, each quoted. */
    public static String join(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }

    /**
     * A message for {@code echo} as one quoted word: shown on one line, its control characters escaped as in a comment,
     * so that what a host wrote cannot move the cursor or rewrite a line on the terminal that runs the script.
     */
    public static String message(String text) {
        return quote(printable(text));
    }

    /**
     * One comment line, {@code # text} with a newline: control characters (a newline would end the comment and
     * make the rest a command), line and paragraph separators and backslashes are shown escaped ({@code \n},
     * {@code \x1b}, {@code \u2028}, {@code \\}), so the line reads unambiguously and stays one line.
     */
    public static String comment(String text) {
        return text.isEmpty() ? "#\n" : "# " + printable(text) + "\n";
    }

    /**
     * A name from a host, fit for a message: quoted, escaped ({@link #printable}: it may hold terminal escapes) and
     * shortened to 64 characters.
     */
    public static String describeName(String name) {
        return "'" + printable(name.length() > 64 ? name.substring(0, 64) + "..." : name) + "'";
    }

    /** {@code text} with every character that could end or disguise a line shown as an escape. */
    public static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                sb.append("\\\\");
            } else if (isControl(c)) {
                sb.append(escape(c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    /**
     * Whether {@code c} can end, rewrite or disguise a line when shown: a C0 or C1 control character (newline, carriage
     * return, ESC, which starts a terminal's escape sequences, and 0x9b, a CSI on its own), a line or paragraph separator,
     * or a format character (the bidirectional overrides that reorder what is read).
     */
    public static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT;
    }

    /** How {@link #printable} shows a character for which {@link #isControl} holds: {@code \n}, {@code \x1b}, {@code \u202e}. */
    public static String escape(int c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0xa0 ? String.format("\\x%02x", c) : String.format("\\u%04x", c);
        };
    }
}

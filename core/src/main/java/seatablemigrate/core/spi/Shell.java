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
     * One comment line, {@code # text} with a newline: control characters (a newline would end the comment and
     * make the rest a command), line and paragraph separators and backslashes are shown escaped ({@code \n},
     * {@code \x1b}, {@code \u2028}, {@code \\}), so the line reads unambiguously and stays one line.
     */
    public static String comment(String text) {
        return text.isEmpty() ? "#\n" : "# " + printable(text) + "\n";
    }

    /** {@code text} with every character that could end or disguise a line shown as an escape. */
    public static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                        sb.append(String.format("\\x%02x", c));
                    } else if (c == 0x2028 || c == 0x2029 || c == 0x85 || Character.getType(c) == Character.FORMAT) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }
}

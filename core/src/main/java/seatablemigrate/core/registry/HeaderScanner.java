package seatablemigrate.core.registry;

import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A cursor over one HTTP header value, for the headers a registry sends ({@code WWW-Authenticate}, {@code Link}): every
 * method moves forward or stays, so a header is read once, in time linear in its length and without recursion (a
 * backtracking regular expression overflowed the stack on a registry's 6 KB header).
 */
final class HeaderScanner {
    private final String s;
    private int pos;

    HeaderScanner(String s) {
        this.s = s;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    /** The next character, or 0 at the end. */
    char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    /** Moves past {@code c} when it is next. */
    boolean take(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Moves past every character in {@code chars}. */
    void skip(String chars) {
        while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
    }

    /** The longest run of characters {@code allowed} accepts, possibly empty. */
    String token(IntPredicate allowed) {
        int start = pos;
        while (pos < s.length() && allowed.test(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /** The text up to the next {@code c} (which is passed), or empty and no move when there is none. */
    Optional<String> upTo(char c) {
        int at = s.indexOf(c, pos);
        if (at < 0) {
            return Optional.empty();
        }
        String text = s.substring(pos, at);
        pos = at + 1;
        return Optional.of(text);
    }

    /** A quoted string with backslash escapes, from its opening quote; empty when it is never closed (read to the end). */
    Optional<String> quoted() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return Optional.of(b.toString());
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            }
            b.append(c);
        }
        return Optional.empty();
    }

    /** Moves to the next {@code c} outside a quoted string, or the end. */
    void skipOutsideQuotes(char c) {
        while (pos < s.length() && s.charAt(pos) != c) {
            if (s.charAt(pos) == '"') {
                quoted();
            } else {
                pos++;
            }
        }
    }

    /** Where the cursor is, for {@link #reset}. */
    int mark() {
        return pos;
    }

    /** Back to a {@link #mark} (a token read ahead that belongs to what follows). */
    void reset(int mark) {
        pos = mark;
    }
}

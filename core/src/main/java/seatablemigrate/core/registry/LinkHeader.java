package seatablemigrate.core.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code rel="next"} target of an RFC 8288 {@code Link} header, as registries use it to page tag lists. Read in one
 * pass over the characters (no regular expression: a backtracking one recurses per parameter, and a registry's 6 KB
 * header overflowed the stack); whatever cannot be read is skipped to the next {@code ,}.
 */
public final class LinkHeader {
    private LinkHeader() {}

    /**
     * The next page: the link whose {@code rel} contains {@code next}, resolved against {@code base} and kept only
     * when it stays on the same scheme, host and port (a registry never sends the client elsewhere for a page).
     */
    public static Optional<URI> next(String header, URI base) {
        if (header == null) {
            return Optional.empty();
        }
        Scanner s = new Scanner(header);
        while (!s.atEnd()) {
            s.skip(" \t,");
            if (!s.take('<')) {
                s.skipValue();
                continue;
            }
            int close = header.indexOf('>', s.pos);
            if (close < 0) {
                return Optional.empty();
            }
            String target = header.substring(s.pos, close);
            s.pos = close + 1;
            boolean next = false;
            while (true) {
                s.skip(" \t");
                if (!s.take(';')) {
                    break;
                }
                s.skip(" \t");
                String name = s.token();
                s.skip(" \t");
                String value = "";
                if (s.take('=')) {
                    s.skip(" \t");
                    value = s.peek() == '"' ? s.quoted() : s.token();
                }
                next |= name.equalsIgnoreCase("rel") && hasNext(value);
            }
            if (next) {
                return resolve(base, target);
            }
            s.skipValue(); // anything after the parameters that is not one (a malformed link) ends at the next comma
        }
        return Optional.empty();
    }

    private static boolean hasNext(String relations) {
        for (String r : relations.strip().split("[ \t]+")) {
            if (r.toLowerCase(Locale.ROOT).equals("next")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<URI> resolve(URI base, String target) {
        try {
            URI uri = base.resolve(target.trim());
            boolean same = uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(base.getScheme())
                    && uri.getHost() != null && uri.getHost().equalsIgnoreCase(base.getHost()) && uri.getPort() == base.getPort();
            return same ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A cursor over the header; every method moves forward or stays, so a header is read once. */
    private static final class Scanner {
        private final String s;
        private int pos;

        Scanner(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        boolean take(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        void skip(String chars) {
            while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        /** A parameter name or an unquoted value: up to a space, {@code ;}, {@code ,}, {@code =} or a quote. */
        String token() {
            int start = pos;
            while (pos < s.length() && " \t;,=\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** A quoted string with backslash escapes, from its opening quote; an unclosed one runs to the end. */
        String quoted() {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                b.append(c);
            }
            return b.toString();
        }

        /** To the next {@code ,} outside a quoted string (the start of the next link), or the end. */
        void skipValue() {
            while (pos < s.length() && s.charAt(pos) != ',') {
                if (s.charAt(pos) == '"') {
                    quoted();
                } else {
                    pos++;
                }
            }
        }
    }
}

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
        HeaderScanner s = new HeaderScanner(header);
        while (!s.atEnd()) {
            s.skip(" \t,");
            if (!s.take('<')) {
                s.skipOutsideQuotes(',');
                continue;
            }
            Optional<String> link = s.upTo('>');
            if (link.isEmpty()) {
                return Optional.empty();
            }
            String target = link.get();
            boolean next = false;
            while (true) {
                s.skip(" \t");
                if (!s.take(';')) {
                    break;
                }
                s.skip(" \t");
                String name = s.token(LinkHeader::tokenChar);
                s.skip(" \t");
                String value = "";
                if (s.take('=')) {
                    s.skip(" \t");
                    value = s.peek() == '"' ? s.quoted().orElse("") : s.token(LinkHeader::tokenChar);
                }
                next |= name.equalsIgnoreCase("rel") && hasNext(value);
            }
            if (next) {
                return resolve(base, target);
            }
            s.skipOutsideQuotes(','); // anything after the parameters that is not one (a malformed link) ends at the next comma
        }
        return Optional.empty();
    }

    /** A parameter name or an unquoted value: up to a space, {@code ;}, {@code ,}, {@code =} or a quote. */
    private static boolean tokenChar(int c) {
        return " \t;,=\"".indexOf(c) < 0;
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
}

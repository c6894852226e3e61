package seatablemigrate.core.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authentication challenge from a registry's {@code WWW-Authenticate} header (RFC 7235): a scheme
 * ({@code Bearer}, {@code Basic}) and its parameters ({@code realm}, {@code service}, {@code scope}).
 *
 * @param scheme lower-case scheme
 * @param params parameter names in lower case, values unquoted
 */
public record Challenge(String scheme, Map<String, String> params) {
    public Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Parses every challenge in one header value; malformed parts end the parse (what was read before is kept).
     * Quoted values may contain commas and backslash escapes.
     */
    public static List<Challenge> parse(String header) {
        List<Challenge> out = new ArrayList<>();
        HeaderScanner r = new HeaderScanner(header == null ? "" : header);
        while (true) {
            r.skip(" \t,");
            String scheme = r.token(Challenge::tokenChar);
            if (scheme.isEmpty()) {
                return out;
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                r.skip(" \t");
                int mark = r.mark();
                String name = r.token(Challenge::tokenChar);
                r.skip(" \t");
                if (name.isEmpty() || !r.take('=')) {
                    r.reset(mark); // the next challenge's scheme, or the end
                    break;
                }
                r.skip(" \t");
                Optional<String> value = r.peek() == '"' ? r.quoted() : Optional.of(r.token(Challenge::tokenChar));
                if (value.isEmpty()) {
                    out.add(new Challenge(scheme, params));
                    return out;
                }
                params.putIfAbsent(name.toLowerCase(Locale.ROOT), value.get());
                r.skip(" \t");
                if (!r.take(',')) {
                    break;
                }
            }
            out.add(new Challenge(scheme, params));
        }
    }

    /** An RFC 7230 token character (plus '/' and ':' for token68 values such as base64). */
    private static boolean tokenChar(int c) {
        return "!#$%&'*+-.^_`|~/:".indexOf(c) >= 0 || Character.isLetterOrDigit(c);
    }
}

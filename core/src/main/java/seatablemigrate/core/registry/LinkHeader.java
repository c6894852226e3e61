package seatablemigrate.core.registry;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code rel="next"} target of an RFC 8288 {@code Link} header, as registries use it to page tag lists. */
public final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern NEXT = Pattern.compile(";\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    private LinkHeader() {}

    /**
     * The next page: the link whose {@code rel} contains {@code next}, resolved against {@code base} and kept only
     * when it stays on the same scheme, host and port (a registry never sends the client elsewhere for a page).
     */
    public static Optional<URI> next(String header, URI base) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            Matcher rel = NEXT.matcher(m.group(2));
            while (rel.find()) {
                String value = rel.group(1) != null ? rel.group(1) : rel.group(2);
                for (String r : value.trim().split("\\s+")) {
                    if (r.equalsIgnoreCase("next")) {
                        return resolve(base, m.group(1));
                    }
                }
            }
        }
        return Optional.empty();
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

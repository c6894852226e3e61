package seatablemigrate.core.registry;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import seatablemigrate.core.spi.HttpTransport;

/**
 * One request to a registry endpoint as Docker would send it, for {@link RegistryClient}: HTTPS first and plain HTTP
 * only where Docker allows it and HTTPS failed (remembered per endpoint); {@value #ATTEMPTS} attempts with backoff on
 * 429 and 5xx answers, broken connections and answers cut off at the deadline, honouring a short {@code Retry-After};
 * a name that does not resolve, a failed TLS handshake or an answer over the size cap reported at once. Every failure is a {@link RegistryException} naming the endpoint. Thread-safe.
 */
final class RegistryHttp {
    static final int ATTEMPTS = 3;

    private final HttpTransport http;
    private final RegistryLimits limits;
    private final RegistryClient.Sleeper sleeper;
    /** Endpoints found to speak plain HTTP only (HTTPS failed, and Docker allows HTTP there). */
    private final Map<URI, URI> downgraded = new ConcurrentHashMap<>();

    RegistryHttp(HttpTransport http, RegistryLimits limits, RegistryClient.Sleeper sleeper) {
        this.http = requireNonNull(http, "http is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    @FunctionalInterface
    interface Call {
        HttpTransport.Answer send() throws IOException;
    }

    /** Sends over HTTPS; where Docker allows plain HTTP and HTTPS fails, over HTTP from then on. */
    HttpTransport.Answer send(Endpoint endpoint, String method, URI uri, Map<String, String> headers) throws RegistryException {
        URI target = effective(endpoint, uri);
        try {
            return withRetries(endpoint, () -> http.send(method, target, headers, limits.deadline(), limits.maxAnswerBytes()));
        } catch (RegistryException e) {
            // Docker's rule for registries it may reach over plain HTTP: HTTPS first, HTTP when HTTPS fails.
            if (e.kind() != RegistryException.Kind.UNREACHABLE || !endpoint.plainHttpAllowed() || !target.getScheme().equals("https")) {
                throw e;
            }
            URI base = endpoint.base();
            downgraded.put(base, URI.create("http://" + base.getRawAuthority()));
            URI plain = effective(endpoint, uri);
            return withRetries(endpoint, () -> http.send(method, plain, headers, limits.deadline(), limits.maxAnswerBytes()));
        }
    }

    URI effective(Endpoint endpoint, URI uri) {
        URI to = downgraded.get(endpoint.base());
        return to == null || !uri.getScheme().equals("https") ? uri
                : URI.create(to.getScheme() + "://" + to.getRawAuthority() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    HttpTransport.Answer withRetries(Endpoint endpoint, Call call) throws RegistryException {
        Duration wait = Duration.ofMillis(250);
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpTransport.Answer a = call.send();
                boolean retry = a.status() == 429 || a.status() == 502 || a.status() == 503 || a.status() == 504 || a.status() == 500;
                if (!retry || attempt == ATTEMPTS) {
                    return a;
                }
                Duration pause = a.header("retry-after").flatMap(RegistryHttp::seconds)
                        .filter(s -> !s.isNegative() && s.compareTo(Duration.ofSeconds(10)) <= 0).orElse(wait);
                pause(pause);
            } catch (SSLException e) {
                throw unreachable(endpoint, e); // retrying a failed handshake does not help
            } catch (UnknownHostException e) {
                throw new RegistryException(RegistryException.Kind.UNREACHABLE, endpoint.describe() + " cannot be reached: its name does not resolve ("
                        + e.getMessage() + ")");
            } catch (IOException e) {
                Optional<HttpTransport.TooLarge> tooLarge = cause(e, HttpTransport.TooLarge.class);
                if (tooLarge.isPresent()) { // the same registry would send the same flood again
                    throw new RegistryException(RegistryException.Kind.FAILED, endpoint.describe() + " sent " + tooLarge.get().getMessage()
                            + "; the tool reads no more");
                }
                if (unresolved(e)) { // the JDK wraps it in a ConnectException without a message
                    throw new RegistryException(RegistryException.Kind.UNREACHABLE, endpoint.describe()
                            + " cannot be reached: its name does not resolve");
                }
                last = e;
                if (attempt < ATTEMPTS) {
                    pause(wait);
                }
            }
            wait = wait.multipliedBy(4);
        }
        throw unreachable(endpoint, last);
    }

    private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message that says something ("Connection refused"), else the exception's kind. */
    private static String why(Throwable e) {
        String why = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                why = t.getMessage();
            }
        }
        return why;
    }

    private static RegistryException unreachable(Endpoint endpoint, IOException e) {
        String why = why(e);
        RegistryException r = new RegistryException(RegistryException.Kind.UNREACHABLE, endpoint.describe() + " cannot be reached (" + why + ")");
        r.initCause(e);
        return r;
    }

    private void pause(Duration d) throws RegistryException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, "interrupted while waiting to ask the registry again");
        }
    }

    private static Optional<Duration> seconds(String text) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package seatablemigrate.core.registry;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import seatablemigrate.core.spi.HttpTransport;

/**
 * {@link HttpTransport} through the JDK's HTTP client: HTTP/1.1, no redirects followed, the system's trust store. The
 * client's own request timeout ends only the wait for the headers; the deadline here is the wait for the whole answer,
 * and the body is collected by a subscriber that gives up at the cap, so a registry can neither trickle nor flood.
 */
public final class JdkHttpTransport implements HttpTransport {
    private final Duration connectTimeout;
    /**
     * Made on the first request, on the thread that asks: building it builds the JVM's default TLS context (security
     * providers, the CA trust store: about 0.1 s of CPU), which a command that asks no registry never needs, and which
     * {@code status} makes beside its other questions rather than before them.
     */
    private HttpClient client;
    /**
     * The threads the client starts itself: its selector waits in native code between requests, where it would hold up
     * the JVM's exit by 0.3 s (HotSpot waits that long for threads in native code), and the JDK 17 client has no
     * {@code close}. The client is built on a thread of this group, so the threads it starts belong to it, and
     * {@link #close} interrupts them, which ends the selector (its loop stops when interrupted).
     */
    private final ThreadGroup threads = new ThreadGroup("seatable-migrate-http");

    public JdkHttpTransport(Duration connectTimeout) {
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
    }

    private synchronized HttpClient client() throws IOException {
        if (client == null) {
            HttpClient[] built = new HttpClient[1];
            Thread builder = new Thread(threads, () -> built[0] = HttpClient.newBuilder().connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build(), "seatable-migrate-http-client");
            builder.start();
            try {
                builder.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while setting up the HTTP client");
            }
            if (built[0] == null) {
                throw new IOException("the JDK's HTTP client could not be set up");
            }
            client = built[0];
        }
        return client;
    }

    /**
     * Ends the client's threads (waiting up to 0.2 s for them); a later request builds a new client. Under the lock that
     * {@link #client} takes, so that a client built meanwhile cannot have its threads ended by this close.
     */
    @Override
    public synchronized void close() {
        if (client == null) {
            return;
        }
        client = null;
        threads.interrupt();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        try {
            while (threads.activeCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Answer send(String method, URI uri, Map<String, String> headers, Duration deadline, int maxBytes) throws IOException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(uri).timeout(deadline).method(method, HttpRequest.BodyPublishers.noBody());
            headers.forEach(b::header);
            b.header("User-Agent", "seatable-migrate");
        } catch (IllegalArgumentException e) {
            throw new IOException("not a request the client can send to " + uri.getHost());
        }
        CappedBody body = new CappedBody(maxBytes);
        CompletableFuture<HttpResponse<byte[]>> answer = client().sendAsync(b.build(), info -> body);
        try {
            HttpResponse<byte[]> r = answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, List<String>> lower = new HashMap<>();
            r.headers().map().forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), v, (x, y) -> {
                List<String> all = new ArrayList<>(x);
                all.addAll(y);
                return all;
            }));
            return new Answer(r.statusCode(), lower, method.equals("HEAD") ? new byte[0] : r.body());
        } catch (TimeoutException e) {
            body.cancel();
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + seconds(deadline));
        } catch (ExecutionException e) {
            body.cancel();
            throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            body.cancel();
            answer.cancel(true);
            throw new InterruptedIOException("interrupted while asking " + uri.getHost());
        }
    }

    /** A deadline as messages name it: {@code 2 s}, {@code 1500 ms}. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Collects the body up to {@code cap} bytes; one byte more cancels the exchange with {@link TooLarge}. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int cap;
        private volatile Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (item.remaining() > cap - bytes.size()) {
                    cancel();
                    result.completeExceptionally(new TooLarge(cap));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        /** Stops the transfer: the client closes the connection instead of reading the rest. */
        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}

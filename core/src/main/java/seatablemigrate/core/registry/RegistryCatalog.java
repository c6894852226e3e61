package seatablemigrate.core.registry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.spi.RegistrySettings;

/**
 * {@link ImageCatalog} through {@link RegistryClient}: asked from the machine the tool runs on first (it holds the
 * user's Docker credentials, and its answer costs no round trip to the host); when that machine cannot reach the
 * registry and the host is another machine, asked again from the host ({@link
 * seatablemigrate.core.spi.HostBackend#hostHttp()}), anonymously: a credential goes only to the registry it is stored
 * for, and a request relayed by the host's {@code curl} would hand it to the host. Answers from the host say so.
 */
public final class RegistryCatalog implements ImageCatalog {
    /** Appended to who answered when the host answered. */
    static final String FROM_HOST = " (asked from the host)";

    private final RegistryClient here;
    private final Optional<RegistryClient> fromHost;
    private final RegistrySettings settings;

    public RegistryCatalog(RegistryClient here, Optional<RegistryClient> fromHost, RegistrySettings settings) {
        this.here = requireNonNull(here, "here is null");
        this.fromHost = requireNonNull(fromHost, "fromHost is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** The factory the CLI uses: the JDK's HTTP client here, the host's transport there, the user's Docker credentials. */
    public static ImageCatalog.Factory ofUser() {
        return of(new JdkHttpTransport(Duration.ofSeconds(5)), DockerConfigCredentials.ofUser(), RegistryLimits.DEFAULT, d -> Thread.sleep(d.toMillis()));
    }

    /** The factory with {@code credentials} for the questions asked here; the host is asked without them. */
    static ImageCatalog.Factory of(HttpTransport here, CredentialSource credentials, RegistryLimits limits, RegistryClient.Sleeper sleeper) {
        return new ImageCatalog.Factory() {
            @Override
            public ImageCatalog forHost(RegistrySettings settings, Optional<HttpTransport> hostHttp) {
                return new RegistryCatalog(new RegistryClient(here, credentials, settings, limits, sleeper),
                        hostHttp.map(h -> new RegistryClient(h, CredentialSource.NONE, settings, limits, sleeper)), settings);
            }

            @Override
            public void close() {
                here.close();
            }
        };
    }

    @Override
    public Listing tags(ImageRef repository) {
        try {
            Asked<RegistryClient.Tags> t = ask(repository, c -> c.tags(repository));
            return new Listing(t.value().tags(), t.value().answeredBy() + t.where(), Optional.empty());
        } catch (RegistryException e) {
            return new Listing(List.of(), Endpoint.named(repository), Optional.of(e.getMessage()));
        }
    }

    @Override
    public Lookup manifest(ImageRef image, String platform) {
        boolean plain = plainHttp(image, settings);
        try {
            Asked<Optional<RegistryClient.Manifest>> m = ask(image, c -> c.manifest(image));
            if (m.value().isEmpty()) {
                return new Lookup(Lookup.Kind.MISSING, platform, Optional.empty(), List.of(), Endpoint.named(image) + m.where(), Optional.empty(), plain);
            }
            RegistryClient.Manifest found = m.value().get();
            if (!found.offers(platform)) {
                return new Lookup(Lookup.Kind.WRONG_PLATFORM, platform, Optional.of(found.digestFor(platform)),
                        List.copyOf(found.platforms().keySet()), found.answeredBy() + m.where(), Optional.empty(), plain);
            }
            return new Lookup(Lookup.Kind.EXISTS, platform, Optional.of(found.digestFor(platform)), List.copyOf(found.platforms().keySet()),
                    found.answeredBy() + m.where(), Optional.empty(), plain, layerBytes(image, found.digestFor(platform)));
        } catch (RegistryException e) {
            return new Lookup(Lookup.Kind.UNANSWERED, platform, Optional.empty(), List.of(), Endpoint.named(image), Optional.of(e.getMessage()), plain);
        }
    }

    /** The download's size, asked as the manifest was; none when it cannot be had: the image exists all the same. */
    private OptionalLong layerBytes(ImageRef image, String digest) {
        try {
            return ask(image, c -> c.layerBytes(image, digest)).value();
        } catch (RegistryException e) {
            return OptionalLong.empty();
        }
    }

    @FunctionalInterface
    private interface Question<T> {
        T ask(RegistryClient client) throws RegistryException;
    }

    /** An answer and where it was asked from: empty here, {@link #FROM_HOST} from the host. */
    private record Asked<T>(T value, String where) {}

    /** Asks here; when the registry is unreachable from here and the host can ask, asks from the host. */
    private <T> Asked<T> ask(ImageRef image, Question<T> question) throws RegistryException {
        try {
            return new Asked<>(guarded(image, question, here), "");
        } catch (RegistryException e) {
            if (e.kind() != RegistryException.Kind.UNREACHABLE || fromHost.isEmpty()) {
                throw e;
            }
            try {
                return new Asked<>(guarded(image, question, fromHost.get()), FROM_HOST);
            } catch (RegistryException onHost) {
                RegistryException both = new RegistryException(onHost.kind(), e.getMessage() + "; from the host: " + onHost.getMessage()
                        + (onHost.kind() == RegistryException.Kind.DENIED ? " (asked without the tool's credentials, which are never relayed"
                        + " through the host; the host pulls with its own docker login)" : ""));
                both.initCause(onHost);
                throw both;
            }
        }
    }

    /**
     * The client's answer, and any unchecked exception from it a failure like the others: the client turns every
     * answer it can read into a {@link RegistryException}, and this keeps the catalog's promise not to throw should
     * an answer slip past it (the planner would otherwise end with a stack trace instead of a refusal).
     */
    private static <T> T guarded(ImageRef image, Question<T> question, RegistryClient client) throws RegistryException {
        try {
            return question.ask(client);
        } catch (RuntimeException e) {
            RegistryException r = new RegistryException(RegistryException.Kind.FAILED, Endpoint.named(image)
                    + " answered something the tool could not read");
            r.initCause(e);
            throw r;
        }
    }

    /** Whether Docker reaches {@code image}'s registry over plain HTTP (loopback, the engine's insecure registries). */
    public static boolean plainHttp(ImageRef image, RegistrySettings settings) {
        return Endpoint.plainHttpAllowed(Endpoint.registryOf(image), settings);
    }
}

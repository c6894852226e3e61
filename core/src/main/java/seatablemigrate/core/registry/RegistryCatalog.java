package seatablemigrate.core.registry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.spi.RegistrySettings;

/** {@link ImageCatalog} asked from the machine the tool runs on, through {@link RegistryClient}. */
public final class RegistryCatalog implements ImageCatalog {
    /** Per request; a registry that takes longer is reported as unreachable. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final RegistryClient client;
    private final RegistrySettings settings;

    public RegistryCatalog(RegistryClient client, RegistrySettings settings) {
        this.client = requireNonNull(client, "client is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** The factory the CLI uses: the JDK's HTTP client and the user's Docker credentials. */
    public static ImageCatalog.Factory ofUser() {
        HttpTransport http = new JdkHttpTransport(Duration.ofSeconds(5));
        CredentialSource credentials = DockerConfigCredentials.ofUser();
        return settings -> new RegistryCatalog(new RegistryClient(http, credentials, settings, TIMEOUT, d -> Thread.sleep(d.toMillis())), settings);
    }

    @Override
    public Listing tags(ImageRef repository) {
        try {
            RegistryClient.Tags t = client.tags(repository);
            return new Listing(t.tags(), t.answeredBy(), Optional.empty());
        } catch (RegistryException e) {
            return new Listing(List.of(), Endpoint.registryOf(repository), Optional.of(e.getMessage()));
        }
    }

    @Override
    public Lookup manifest(ImageRef image, String platform) {
        boolean plain = plainHttp(image, settings);
        try {
            Optional<RegistryClient.Manifest> m = client.manifest(image);
            if (m.isEmpty()) {
                return new Lookup(Lookup.Kind.MISSING, platform, Optional.empty(), List.of(), Endpoint.registryOf(image), Optional.empty(), plain);
            }
            RegistryClient.Manifest found = m.get();
            return new Lookup(found.offers(platform) ? Lookup.Kind.EXISTS : Lookup.Kind.WRONG_PLATFORM, platform, Optional.of(found.digestFor(platform)),
                    List.copyOf(found.platforms().keySet()), found.answeredBy(), Optional.empty(), plain);
        } catch (RegistryException e) {
            return new Lookup(Lookup.Kind.UNANSWERED, platform, Optional.empty(), List.of(), Endpoint.registryOf(image), Optional.of(e.getMessage()), plain);
        }
    }

    /** Whether Docker reaches {@code image}'s registry over plain HTTP (loopback, the engine's insecure registries). */
    public static boolean plainHttp(ImageRef image, RegistrySettings settings) {
        return Endpoint.plainHttpAllowed(Endpoint.registryOf(image), settings);
    }
}

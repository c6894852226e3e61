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
 * What the registries say about SeaTable's repositories, as the planner needs it. Never throws: a registry that
 * cannot answer is an answer too ({@link Listing#problem()}, {@link Lookup.Kind#UNANSWERED}), which the pre-flight
 * checks turn into a message naming the registry. Safe to call from several threads.
 */
public interface ImageCatalog {
    /** Asks nothing: for offline plans and for tests that use local images only. */
    ImageCatalog NONE = new ImageCatalog() {
        @Override
        public Listing tags(ImageRef repository) {
            return new Listing(List.of(), "no registry asked", Optional.empty());
        }

        @Override
        public Lookup manifest(ImageRef image, String platform) {
            return Lookup.notAsked(false);
        }
    };

    /** Builds the catalog for one host: its engine's mirrors, insecure registries and platform, and its own way to ask. */
    @FunctionalInterface
    interface Factory {
        Factory NONE = (settings, fromHost) -> ImageCatalog.NONE;

        /**
         * @param settings the host engine's registry configuration
         * @param fromHost a transport that asks from the host, when the host is another machine
         */
        ImageCatalog forHost(RegistrySettings settings, Optional<HttpTransport> fromHost);

        /** Releases the transport the catalogs share for the questions asked here ({@link HttpTransport#close}). */
        default void close() {}
    }

    /** The tags of {@code repository}'s registry. */
    Listing tags(ImageRef repository);

    /** Whether {@code image}'s tag exists and offers {@code platform} ({@code linux/amd64}), asked without pulling. */
    Lookup manifest(ImageRef image, String platform);

    /**
     * @param tags       every tag listed (empty when nothing answered)
     * @param answeredBy who answered ({@code Docker Hub}, {@code mirror http://...}, {@code registry.example.com:5000})
     * @param problem    why nothing answered
     */
    record Listing(List<String> tags, String answeredBy, Optional<String> problem) {
        public Listing {
            tags = List.copyOf(tags);
        }

        /** No answer from {@code repository}'s registry within {@code deadline}, which is all a caller waits. */
        public static Listing late(ImageRef repository, Duration deadline, String note) {
            String registry = Endpoint.named(repository);
            return new Listing(List.of(), registry, Optional.of(registry + ": no answer within " + JdkHttpTransport.seconds(deadline) + " (" + note + ")"));
        }
    }

    /**
     * @param kind       the answer
     * @param platform   the platform asked for ({@code linux/amd64}), the host's
     * @param digest     the digest an engine on {@code platform} pulls, when it exists
     * @param platforms  the platforms an index offers (empty for a single-platform manifest)
     * @param answeredBy who answered, or who was asked
     * @param problem    why nothing answered
     * @param plainHttp  whether Docker reaches this image's registry over plain HTTP (loopback, insecure registries):
     *                   the host's own {@code docker manifest inspect} then needs {@code --insecure}
     * @param layerBytes the compressed size of what an engine on {@code platform} downloads (the manifest's layers and
     *                   its configuration, as the registry lists them), when the registry said it; unpacked, layers take more
     */
    record Lookup(Kind kind, String platform, Optional<String> digest, List<String> platforms, String answeredBy, Optional<String> problem,
                  boolean plainHttp, OptionalLong layerBytes) {
        public Lookup {
            platforms = List.copyOf(platforms);
            requireNonNull(layerBytes, "layerBytes is null");
        }

        /** An answer that says no size. */
        public Lookup(Kind kind, String platform, Optional<String> digest, List<String> platforms, String answeredBy, Optional<String> problem,
                      boolean plainHttp) {
            this(kind, platform, digest, platforms, answeredBy, problem, plainHttp, OptionalLong.empty());
        }

        public static Lookup notAsked(boolean plainHttp) {
            return new Lookup(Kind.NOT_ASKED, "", Optional.empty(), List.of(), "no registry asked", Optional.empty(), plainHttp);
        }

        public enum Kind { EXISTS, WRONG_PLATFORM, MISSING, UNANSWERED, NOT_ASKED }
    }
}

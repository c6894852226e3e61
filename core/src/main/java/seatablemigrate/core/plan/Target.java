package seatablemigrate.core.plan;

import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.registry.ImageCatalog;

/**
 * The resolved target: the explicit image written to {@code .env} (with {@code @sha256:...} when pinned), its
 * version, the local image's ID when it is on the host, why this version was chosen, and what the registry said; for a
 * switch {@code --via-upgrade}, the release the run goes through first ({@code via}).
 */
public record Target(Edition edition, SeaTableVersion version, ImageRef image, Optional<String> imageId, Choice choice,
                     ImageCatalog.Lookup lookup, Optional<Target> via) {
    /** A target reached in one hop. */
    public Target(Edition edition, SeaTableVersion version, ImageRef image, Optional<String> imageId, Choice choice, ImageCatalog.Lookup lookup) {
        this(edition, version, image, imageId, choice, lookup, Optional.empty());
    }

    /** This target, reached through {@code hop} first (a switch {@code --via-upgrade}: the first of its two hops). */
    public Target through(Target hop) {
        return new Target(edition, version, image, imageId, choice, lookup, Optional.of(hop));
    }

    public boolean presentLocally() {
        return imageId.isPresent();
    }

    /**
     * @param reason    why this version, in a sentence ("newest 6.0.x in Docker Hub", "--version 6.0.1")
     * @param available the versions of this MAJOR.MINOR known for the target edition (registry and local), newest first
     * @param source    who listed them ("Docker Hub", "local images", "mirror http://...")
     */
    public record Choice(String reason, List<SeaTableVersion> available, String source) {
        public Choice {
            available = List.copyOf(available);
        }
    }
}

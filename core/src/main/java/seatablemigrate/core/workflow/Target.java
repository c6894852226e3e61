package seatablemigrate.core.workflow;

import java.util.Optional;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.SeaTableVersion;

/** The resolved target: an explicit image tag, its version, and the local image's ID when it is on the host. */
public record Target(Edition edition, SeaTableVersion version, ImageRef image, Optional<String> imageId) {
    public boolean presentLocally() {
        return imageId.isPresent();
    }
}

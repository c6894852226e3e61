package seatablemigrate.core.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation.DecidedState;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.ServerInfo;
import seatablemigrate.core.spi.HostBackend;

/**
 * Decides the current edition and version from independent sources, and says which disagree and why. The
 * running server's own answer ({@code /server-info/}) ranks first; a floating tag ({@code latest}) is resolved
 * through the local image's other tags.
 */
final class StateDecision {
    private final HostBackend host;

    StateDecision(HostBackend host) {
        this.host = host;
    }

    DecidedState decide(Optional<ImageRef> configured, Optional<ContainerState> container, Optional<ServerInfo> info,
                        Optional<SeaTableVersion> recorded) {
        List<String> evidence = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        Optional<ImageRef> running = container.flatMap(c -> ImageRef.parse(c.image()));

        configured.ifPresent(i -> evidence.add("Compose configuration: " + i));
        container.ifPresent(c -> evidence.add("container " + c.name() + ": " + c.image() + " (" + c.condition() + ")"));
        info.ifPresent(i -> evidence.add("/server-info/: " + i.edition().id() + " " + i.version()));
        recorded.ifPresent(v -> evidence.add("current_version.txt: " + v));

        Optional<Edition> edition = info.map(ServerInfo::edition)
                .or(() -> running.flatMap(ImageRef::edition)).or(() -> configured.flatMap(ImageRef::edition));
        Optional<SeaTableVersion> version = info.map(ServerInfo::version)
                .or(() -> running.flatMap(this::versionOf)).or(() -> configured.flatMap(this::versionOf));

        if (edition.isPresent()) {
            configured.flatMap(ImageRef::edition).filter(e -> e != edition.get()).ifPresent(e -> conflicts.add(
                    "the Compose configuration names the " + e.displayName() + " but the " + edition.get().displayName()
                            + " is running: .env was changed without a restart, or an earlier switch was interrupted"));
            running.flatMap(ImageRef::edition).filter(e -> info.isPresent() && e != edition.get()).ifPresent(e -> conflicts.add(
                    "the container's image is the " + e.displayName() + " but /server-info/ reports the " + edition.get().displayName()));
        }
        if (version.isPresent()) {
            configured.flatMap(this::versionOf).filter(v -> !v.equals(version.get()) && container.isPresent())
                    .filter(v -> configured.flatMap(ImageRef::edition).equals(edition))
                    .ifPresent(v -> conflicts.add("the Compose configuration names version " + v + " but " + version.get()
                            + " is running: .env was changed without a restart"));
            recorded.filter(v -> !v.sameMinor(version.get())).ifPresent(v -> conflicts.add(
                    "current_version.txt says the database was last run by " + v + ", the server is " + version.get()));
        }
        if (!conflicts.isEmpty()) {
            return new DecidedState(Optional.empty(), Optional.empty(), evidence, conflicts);
        }
        return new DecidedState(edition, version, evidence, conflicts);
    }

    /** The version an image names: its tag, or for a floating tag the version tag of the same local image. */
    Optional<SeaTableVersion> versionOf(ImageRef image) {
        if (image.version().isPresent()) {
            return image.version();
        }
        return host.image(image.toString()).flatMap(info -> info.repoTags().stream()
                .map(ImageRef::parse).flatMap(Optional::stream)
                .filter(r -> Objects.equals(r.repository(), image.repository()))
                .map(ImageRef::version).flatMap(Optional::stream).findFirst());
    }
}

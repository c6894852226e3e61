package seatablemigrate.core.workflow;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.plan.UpgradePath;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.spi.HostBackend;

/**
 * The releases {@code status} shows, asked while the installation is still being observed. As soon as the running
 * SeaTable container's image is known ({@link #expect}), both editions' repositories in its registry are asked: the
 * registry for their tags, the engine for its images. Compose's configuration has the last word: its image's
 * repositories take those answers when they are the same, and are asked then when they are not. The registry gets
 * {@code deadline} from when it was asked; {@code status} does not wait longer, and says so.
 */
final class ReleaseQuestions {
    /** Why a late registry is not waited for, as the release line says it. */
    static final String LATE = "status waits no longer; plan asks again";

    private final HostBackend host;
    private final ImageCatalog.Factory registries;
    private final Executor questions;
    private final Duration deadline;
    private final Map<String, Asked> asked = new ConcurrentHashMap<>();
    private CompletableFuture<ImageCatalog> catalog;

    /** The engine's images of one repository and its registry's tags, being asked. */
    private record Asked(CompletableFuture<List<ImageInfo>> images, CompletableFuture<ImageCatalog.Listing> listing) {}

    ReleaseQuestions(HostBackend host, ImageCatalog.Factory registries, Executor questions, Duration deadline) {
        this.host = requireNonNull(host, "host is null");
        this.registries = requireNonNull(registries, "registries is null");
        this.questions = requireNonNull(questions, "questions is null");
        this.deadline = requireNonNull(deadline, "deadline is null");
    }

    /** Starts asking about both editions of the release {@code image} names (an image without a version tag: nothing). */
    void expect(ImageRef image) {
        image.tag().flatMap(SeaTableVersion::parseTag).ifPresent(v -> {
            for (Edition e : Edition.values()) {
                ask(image.forEdition(e, v));
            }
        });
    }

    /**
     * For each edition, the versions of the running MAJOR.MINOR that the registry of the configured image and the
     * engine's images know, newest first; none when the version is unknown or the engine did not answer. Every
     * question is asked before any answer is awaited.
     */
    CompletableFuture<List<String>> describe(Installation inst) {
        if (inst.configuredImage().isEmpty() || inst.state().version().isEmpty() || inst.engine().silent()) {
            return CompletableFuture.completedFuture(List.of()); // without an engine neither its images nor its registry settings are known
        }
        SeaTableVersion version = inst.state().version().get();
        List<CompletableFuture<String>> lines = new ArrayList<>();
        for (Edition e : Edition.values()) {
            ImageRef repository = inst.configuredImage().get().forEdition(e, version);
            Asked a = ask(repository);
            lines.add(a.images().thenCombine(a.listing(), (images, listing) -> e.displayName() + " " + version.majorMinor() + ".x: "
                    + Planner.Releases.of(repository.repository(), version, images, listing).describe()));
            if (inst.state().edition().filter(e::equals).isPresent()) {
                lines.add(a.images().thenCombine(a.listing(), (images, listing) -> upgrade(version,
                        Planner.Releases.newer(repository.repository(), version, images, listing))));
            }
        }
        return CompletableFuture.allOf(lines.toArray(new CompletableFuture<?>[0])).thenApply(done -> lines.stream().map(CompletableFuture::join).toList());
    }

    /** The line that says whether the running release could be upgraded, by what the same answers list. */
    private static String upgrade(SeaTableVersion running, Planner.Releases newer) {
        List<SeaTableVersion> known = newer.versions();
        Optional<SeaTableVersion> allowed = UpgradePath.newestAllowed(running, known);
        if (allowed.isPresent()) {
            return "Upgrade: " + allowed.get() + " is the newest release the upgrade path allows from " + running + " (plan it with"
                    + " 'plan --upgrade')" + (known.get(0).equals(allowed.get()) ? "" : "; newer, not allowed: " + known.stream()
                    .filter(v -> v.compareTo(allowed.get()) > 0).map(Object::toString).toList());
        }
        return known.isEmpty() ? "Upgrade: no release newer than " + running + " is known (" + newer.describe() + ")"
                : "Upgrade: newer releases " + known + " are known, but the upgrade path allows none of them from " + running
                        + " (plan --upgrade --version X.Y.Z says why)";
    }

    private Asked ask(ImageRef repository) {
        return asked.computeIfAbsent(repository.repository(), r -> new Asked(
                CompletableFuture.supplyAsync(() -> host.images(r), questions),
                catalog().thenApplyAsync(c -> c.tags(repository), questions)
                        .completeOnTimeout(ImageCatalog.Listing.late(repository, deadline, LATE), deadline.toMillis(), TimeUnit.MILLISECONDS)));
    }

    /** The catalog for this host: made once, from the engine's registry settings (one question to the host). */
    private synchronized CompletableFuture<ImageCatalog> catalog() {
        if (catalog == null) {
            catalog = CompletableFuture.supplyAsync(() -> registries.forHost(host.registrySettings(), host.hostHttp()), questions);
        }
        return catalog;
    }
}

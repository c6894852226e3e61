package seatablemigrate.core.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.spi.Shell;

/**
 * What the tool reads from a Compose project's {@code services}: each service's image as written, and the source of
 * its bind mount of the license file where SeaTable reads it. One reader for Compose's resolved configuration (online:
 * {@code config} output, v1's short volume syntax or v2's long one) and for the raw files (offline, merged in
 * {@code COMPOSE_FILE} order, later files overriding earlier ones as Compose merges them).
 *
 * @param licenseSources per service that bind-mounts the license, the mount's source as written (resolved by Compose
 *                       online; offline as in the file, relative to the compose directory or absolute)
 * @param sharedSources  per service that bind-mounts a folder at {@code /shared} (SeaTable's data volume), the mount's
 *                       source as written
 */
public record ComposeServices(Map<String, String> rawImages, Map<String, String> containerNames, Map<String, String> licenseSources,
                       Map<String, String> sharedSources, Optional<String> projectName) {
    /** Where both editions read the license; 4.3+ compose files bind-mount {@code seatable-license.txt} there. */
    public static final String LICENSE_TARGET = "/shared/seatable/seatable-license.txt";

    public ComposeServices {
        Objects.requireNonNull(projectName, "projectName is null");
        // Copies that keep the order of the files: the first database service found is the first written.
        rawImages = Collections.unmodifiableMap(new LinkedHashMap<>(rawImages));
        containerNames = Collections.unmodifiableMap(new LinkedHashMap<>(containerNames));
        licenseSources = Collections.unmodifiableMap(new LinkedHashMap<>(licenseSources));
        sharedSources = Collections.unmodifiableMap(new LinkedHashMap<>(sharedSources));
    }

    static final ComposeServices NONE = new ComposeServices(Map.of(), Map.of(), Map.of(), Map.of(), Optional.empty());

    /** The services that bind-mount the license file where SeaTable reads it. */
    Set<String> mountingLicense() {
        return licenseSources.keySet();
    }

    /**
     * Where the license file of {@code service} is on the host: the source of its license bind mount ({@code
     * interpolate} resolves variables in it, as Compose does; empty when one is left), relative to {@code composeDir}
     * unless absolute; without such a mount, {@code seatable-license.txt} beside {@code .env}. The one rule for online
     * and offline inspection (SeaTable 4.1 mounted {@code /opt/seatable-compose/seatable-license.txt}, 4.3+ mounts
     * {@code ./seatable-license.txt}).
     */
    Optional<Path> licensePath(Optional<String> service, Path composeDir, Function<String, Optional<String>> interpolate) {
        Optional<String> source = service.map(licenseSources::get);
        if (source.isEmpty()) {
            return Optional.of(composeDir.resolve(Installation.LICENSE_FILE));
        }
        return interpolate.apply(source.get()).filter(s -> !s.isBlank()).map(s -> composeDir.resolve(s).normalize());
    }

    /**
     * The host folder {@code service} mounts at {@code /shared}: the bind mount's source ({@code interpolate} resolves
     * variables in it; empty when one is left), relative to {@code composeDir} unless absolute; empty without such a mount
     * or for a named volume (a source that is no path: Docker keeps it under its own data root).
     */
    Optional<Path> sharedPath(String service, Path composeDir, Function<String, Optional<String>> interpolate) {
        return Optional.ofNullable(sharedSources.get(service)).flatMap(interpolate).filter(s -> s.startsWith("/") || s.startsWith("."))
                .map(s -> composeDir.resolve(s).normalize());
    }

    /** Reads a compose file or {@code config} output: its services and its top-level {@code name}. */
    static ComposeServices read(JsonNode project) {
        JsonNode services = project.path("services");
        Map<String, String> images = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> license = new LinkedHashMap<>();
        Map<String, String> shared = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : services.properties()) {
            JsonNode s = e.getValue();
            if (s.hasNonNull("image")) {
                images.put(e.getKey(), s.get("image").asText());
            }
            if (s.hasNonNull("container_name")) {
                names.put(e.getKey(), s.get("container_name").asText());
            }
            for (JsonNode v : s.path("volumes")) {
                if (LICENSE_TARGET.equals(target(v))) {
                    license.put(e.getKey(), source(v));
                } else if (Installation.SHARED.equals(target(v))) {
                    shared.put(e.getKey(), source(v));
                }
            }
        }
        Optional<String> name = project.hasNonNull("name") ? Optional.of(project.get("name").asText()) : Optional.empty();
        return new ComposeServices(images, names, license, shared, name);
    }

    /**
     * The name of a service's container as Compose gives it: its {@code container_name}, else
     * {@code <project>-<service>-1} (v2) or {@code <project>_<service>_1} (v1), the project named by
     * {@code COMPOSE_PROJECT_NAME} in {@code .env}, else the files' {@code name}, else the directory, normalised as
     * Compose does.
     */
    String containerName(String service, Optional<String> projectFromEnv, Path composeDir, boolean v1) {
        if (containerNames.containsKey(service)) {
            return containerNames.get(service);
        }
        String project = projectFromEnv.or(() -> projectName).orElse(String.valueOf(composeDir.getFileName()))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return v1 ? project + "_" + service + "_1" : project + "-" + service + "-1";
    }

    /** A volume's target: the long syntax's {@code target}, or the short syntax's second field ({@code src:target[:mode]}). */
    private static String target(JsonNode volume) {
        if (volume.isObject()) {
            return volume.path("target").asText("");
        }
        String[] parts = volume.asText("").split(":");
        return parts.length >= 2 ? parts[1] : "";
    }

    /** A volume's source: the long syntax's {@code source}, or the short syntax's first field. */
    private static String source(JsonNode volume) {
        if (volume.isObject()) {
            return volume.path("source").asText("");
        }
        return volume.asText("").split(":")[0];
    }

    /** This project with {@code later} merged over it: a later file's image, name and volumes replace an earlier one's. */
    ComposeServices merge(ComposeServices later) {
        Map<String, String> images = new LinkedHashMap<>(rawImages);
        images.putAll(later.rawImages);
        Map<String, String> names = new LinkedHashMap<>(containerNames);
        names.putAll(later.containerNames);
        Map<String, String> license = new LinkedHashMap<>(licenseSources);
        license.putAll(later.licenseSources);
        Map<String, String> shared = new LinkedHashMap<>(sharedSources);
        shared.putAll(later.sharedSources);
        return new ComposeServices(images, names, license, shared, later.projectName.or(() -> projectName));
    }

    /** The images that parse as references, after {@code interpolate} (which may leave a value unresolvable). */
    Map<String, ImageRef> images(Function<String, Optional<String>> interpolate) {
        Map<String, ImageRef> out = new LinkedHashMap<>();
        rawImages.forEach((service, raw) -> interpolate.apply(raw).flatMap(ImageRef::parse).ifPresent(ref -> out.put(service, ref)));
        return out;
    }

    /**
     * Why no service was found to run SeaTable, when some service's image is not a valid reference: the services named
     * with the length of what they hold, never the text itself (a host may write megabytes, or terminal escapes).
     */
    String unreadableImages(Function<String, Optional<String>> interpolate) {
        StringBuilder out = new StringBuilder();
        rawImages.forEach((service, raw) -> interpolate.apply(raw).filter(i -> ImageRef.parse(i).isEmpty()).ifPresent(i -> out
                .append(out.length() == 0 ? "; not a valid image reference: " : ", ").append("the image of service ")
                .append(Shell.printable(service.length() > 64 ? service.substring(0, 64) + "..." : service)).append(" (").append(i.length()).append(" characters)")));
        return out.toString();
    }
}

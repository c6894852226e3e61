package seatablemigrate.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import seatablemigrate.core.model.ImageRef;

/**
 * What the tool reads from a Compose project's {@code services}: each service's image as written, and whether it
 * bind-mounts the license file where SeaTable reads it. One reader for Compose's resolved configuration (online:
 * {@code config} output, v1's short volume syntax or v2's long one) and for the raw files (offline, merged in
 * {@code COMPOSE_FILE} order, later files overriding earlier ones as Compose merges them).
 */
record ComposeServices(Map<String, String> rawImages, Map<String, String> containerNames, Set<String> mountingLicense) {
    /** Where both editions read the license; 4.3+ compose files bind-mount {@code seatable-license.txt} there. */
    static final String LICENSE_TARGET = "/shared/seatable/seatable-license.txt";

    ComposeServices {
        // Copies that keep the order of the files: the first database service found is the first written.
        rawImages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rawImages));
        containerNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(containerNames));
        mountingLicense = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(mountingLicense));
    }

    static final ComposeServices NONE = new ComposeServices(Map.of(), Map.of(), Set.of());

    /** Reads the {@code services} node of a compose file or of {@code config} output. */
    static ComposeServices read(JsonNode services) {
        Map<String, String> images = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> license = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            if (s.hasNonNull("image")) {
                images.put(e.getKey(), s.get("image").asText());
            }
            if (s.hasNonNull("container_name")) {
                names.put(e.getKey(), s.get("container_name").asText());
            }
            for (JsonNode v : s.path("volumes")) {
                if (LICENSE_TARGET.equals(target(v))) {
                    license.add(e.getKey());
                }
            }
        }
        return new ComposeServices(images, names, license);
    }

    /** A volume's target: the long syntax's {@code target}, or the short syntax's second field ({@code src:target[:mode]}). */
    private static String target(JsonNode volume) {
        if (volume.isObject()) {
            return volume.path("target").asText("");
        }
        String[] parts = volume.asText("").split(":");
        return parts.length >= 2 ? parts[1] : "";
    }

    /** This project with {@code later} merged over it: a later file's image, name and volumes replace an earlier one's. */
    ComposeServices merge(ComposeServices later) {
        Map<String, String> images = new LinkedHashMap<>(rawImages);
        images.putAll(later.rawImages);
        Map<String, String> names = new LinkedHashMap<>(containerNames);
        names.putAll(later.containerNames);
        Set<String> license = new LinkedHashSet<>(mountingLicense);
        license.addAll(later.mountingLicense);
        return new ComposeServices(images, names, license);
    }

    /** The images that parse as references, after {@code interpolate} (which may leave a value unresolvable). */
    Map<String, ImageRef> images(Function<String, Optional<String>> interpolate) {
        Map<String, ImageRef> out = new LinkedHashMap<>();
        rawImages.forEach((service, raw) -> interpolate.apply(raw).flatMap(ImageRef::parse).ifPresent(ref -> out.put(service, ref)));
        return out;
    }
}

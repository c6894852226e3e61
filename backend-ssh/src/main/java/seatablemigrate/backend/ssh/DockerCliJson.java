package seatablemigrate.backend.ssh;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.spi.HostEngine;
import seatablemigrate.core.spi.RegistrySettings;

/**
 * What the remote {@code docker} CLI's JSON output says, read into the SPI's values: containers from {@code docker
 * inspect}, the registry configuration and the image folder from {@code docker info}. The output is untrusted: missing fields read as empty.
 */
final class DockerCliJson {
    private DockerCliJson() {}

    /** A container as {@code docker inspect --type container} describes it. */
    static ContainerState container(JsonNode c) {
        JsonNode s = c.path("State");
        String health = s.path("Health").path("Status").asText("");
        ContainerState.Health h = ContainerState.Health.fromDocker(health);
        Map<String, String> labels = new LinkedHashMap<>();
        c.path("Config").path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, String> mounts = new HashMap<>();
        c.path("Mounts").forEach(m -> {
            if (m.hasNonNull("Destination") && m.hasNonNull("Source")) {
                mounts.put(m.get("Destination").asText(), m.get("Source").asText());
            }
        });
        String name = c.path("Name").asText("");
        return new ContainerState(name.startsWith("/") ? name.substring(1) : name, c.path("Config").path("Image").asText(""),
                c.path("Image").asText(""), s.path("Status").asText("unknown"), h, labels, mounts, c.path("Id").asText(""),
                ContainerState.startedAt(s.path("StartedAt").asText("")));
    }

    /** The engine's platform, mirrors and insecure registries from {@code docker info --format '{{json .}}'}. */
    static RegistrySettings registrySettings(JsonNode info) {
        JsonNode config = info.path("RegistryConfig");
        List<String> cidrs = new ArrayList<>();
        config.path("InsecureRegistryCIDRs").forEach(c -> cidrs.add(c.asText()));
        Map<String, Boolean> indexSecure = new HashMap<>();
        config.path("IndexConfigs").properties().forEach(e -> indexSecure.put(e.getKey(), e.getValue().path("Secure").asBoolean(true)));
        List<String> mirrors = new ArrayList<>();
        config.path("Mirrors").forEach(m -> mirrors.add(m.asText()));
        return RegistrySettings.fromEngineInfo(info.path("OSType").asText(""), info.path("Architecture").asText(""), mirrors, cidrs,
                indexSecure);
    }

    /** Where the engine keeps pulled images, from {@code docker info --format '{{json .}}'} (see {@link HostEngine#imageRoot()}). */
    static Optional<Path> imageRoot(JsonNode info) {
        List<String> status = new ArrayList<>();
        info.path("DriverStatus").forEach(pair -> status.add(pair.path(1).asText("")));
        JsonNode root = info.path("DockerRootDir");
        return HostEngine.imageRootFromEngineInfo(root.isTextual() ? root.asText() : null, status);
    }
}

package seatablemigrate.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a host's Docker engine says about registries and itself: the platform images must be built for, the Docker
 * Hub mirrors it pulls through, and the registries it allows over plain HTTP ({@code host[:port]} names and CIDR
 * ranges, the engine's {@code insecure-registries}; loopback is always among them).
 *
 * @param os           the engine's OS type ({@code linux})
 * @param architecture the engine's architecture in image-platform words ({@code amd64}, {@code arm64}, {@code arm/v7})
 * @param mirrors      Docker Hub mirrors as base URLs ({@code https://mirror.example.com}), in the engine's order
 * @param insecure     registries the engine reaches over plain HTTP: names ({@code host:port}) and CIDR ranges
 */
public record RegistrySettings(String os, String architecture, List<String> mirrors, List<String> insecure) {
    public RegistrySettings {
        mirrors = List.copyOf(mirrors);
        insecure = List.copyOf(insecure);
    }

    /** What an engine without registry configuration has: no mirrors, plain HTTP for loopback only (Docker's default). */
    public static final RegistrySettings UNCONFIGURED = new RegistrySettings("linux", "amd64", List.of(), List.of());

    /**
     * The settings from the fields of the engine's {@code info} ({@code GET /info}, {@code docker info}), however a
     * backend reads them: an index configured with {@code Secure: false} is a registry allowed over plain HTTP, as are
     * the {@code InsecureRegistryCIDRs}; a missing OS type is {@code linux}; the architecture is put in image words.
     *
     * @param osType        {@code OSType}, null when absent
     * @param machine       {@code Architecture} ({@code uname -m} words), null when absent
     * @param mirrors       {@code RegistryConfig.Mirrors}
     * @param insecureCidrs {@code RegistryConfig.InsecureRegistryCIDRs}
     * @param indexSecure   {@code RegistryConfig.IndexConfigs}: each index's name and its {@code Secure} flag
     */
    public static RegistrySettings fromEngineInfo(String osType, String machine, List<String> mirrors, List<String> insecureCidrs,
                                                  Map<String, Boolean> indexSecure) {
        List<String> insecure = new ArrayList<>(insecureCidrs);
        indexSecure.forEach((name, secure) -> {
            if (Boolean.FALSE.equals(secure)) {
                insecure.add(name);
            }
        });
        return new RegistrySettings(osType == null || osType.isEmpty() ? "linux" : osType, imageArchitecture(machine == null ? "" : machine),
                mirrors, insecure);
    }

    /** The engine's platform, as an image index names it: {@code linux/amd64}. */
    public String platform() {
        return os + "/" + architecture;
    }

    /** Docker's own words for {@code uname -m} spellings: x86_64 is amd64, aarch64 is arm64, armv7l is arm/v7. */
    public static String imageArchitecture(String machine) {
        return switch (machine) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "armv7l", "armhf" -> "arm/v7";
            case "armv6l" -> "arm/v6";
            case "i386", "i686" -> "386";
            default -> machine;
        };
    }
}

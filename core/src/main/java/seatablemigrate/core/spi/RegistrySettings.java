package seatablemigrate.core.spi;

import java.util.List;

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

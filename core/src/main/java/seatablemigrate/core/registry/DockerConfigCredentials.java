package seatablemigrate.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import seatablemigrate.core.model.Secret;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.LocalCommand;

/**
 * Credentials as the Docker CLI keeps them in {@code config.json}: {@code credHelpers} (per registry), then
 * {@code credsStore} (all registries), both through the credential-helper protocol ({@code docker-credential-NAME get},
 * the server address on stdin, {@code {"Username":..,"Secret":..}} on stdout), then the inline {@code auths} entry.
 * The helper runs with its own stdin; nothing secret is on any command line.
 */
public final class DockerConfigCredentials implements CredentialSource {
    /** The key under which the Docker CLI keeps Docker Hub's credential. */
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern HELPER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path configFile;
    private final List<Path> searchPath;

    /**
     * @param configFile the Docker CLI's {@code config.json} (need not exist)
     * @param searchPath the folders in which {@code docker-credential-*} helpers are looked up, in order
     */
    public DockerConfigCredentials(Path configFile, List<Path> searchPath) {
        this.configFile = configFile;
        this.searchPath = List.copyOf(searchPath);
    }

    /** The user's configuration: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; helpers on PATH. */
    public static DockerConfigCredentials ofUser() {
        String dir = System.getenv("DOCKER_CONFIG");
        Path config = dir != null && !dir.isBlank() ? Path.of(dir, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
        return new DockerConfigCredentials(config, LocalCommand.searchPath());
    }

    @Override
    public Optional<Credential> forRegistry(String registry) {
        JsonNode config;
        try {
            if (!Files.isRegularFile(configFile)) {
                return Optional.empty();
            }
            config = JSON.readTree(Files.readAllBytes(configFile));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String key = registry.equals("docker.io") ? DOCKER_HUB_KEY : registry;
        String helper = entryFor(config.path("credHelpers"), registry).map(h -> h.asText("")).filter(h -> !h.isEmpty())
                .orElseGet(() -> config.path("credsStore").asText(""));
        if (!helper.isEmpty()) {
            return viaHelper(helper, key);
        }
        return entryFor(config.path("auths"), registry).flatMap(DockerConfigCredentials::inline);
    }

    /** The value under the first key of {@code section} that names {@code registry}. */
    private static Optional<JsonNode> entryFor(JsonNode section, String registry) {
        var names = section.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (sameRegistry(name, registry)) {
                return Optional.of(section.path(name));
            }
        }
        return Optional.empty();
    }

    /** Whether a config key ({@code https://host:port/v1/}, {@code host:port}, Docker Hub's spellings) names {@code registry}. */
    static boolean sameRegistry(String key, String registry) {
        String k = key.replaceFirst("^[a-zA-Z]+://", "");
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        if (registry.equals("docker.io")) {
            return k.equals("index.docker.io") || k.equals("docker.io") || k.equals("registry-1.docker.io");
        }
        return k.equalsIgnoreCase(registry);
    }

    private static Optional<Credential> inline(JsonNode entry) {
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            try {
                String pair = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    return Optional.of(new Credential(pair.substring(0, colon), Secret.of(pair.substring(colon + 1))));
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        return user.isEmpty() || password.isEmpty() ? Optional.empty() : Optional.of(new Credential(user, Secret.of(password)));
    }

    private Optional<Credential> viaHelper(String name, String serverKey) {
        if (!HELPER_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Optional<Path> exe = LocalCommand.find("docker-credential-" + name, searchPath);
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        // A helper's answer is a few hundred bytes; more is not a credential and is not kept.
        ExecResult r = LocalCommand.of(List.of(exe.get().toString(), "get"), HELPER_TIMEOUT)
                .withInput(serverKey.getBytes(StandardCharsets.UTF_8)).withOutputLimit(64 * 1024).run();
        if (!r.succeeded()) {
            return Optional.empty(); // "credentials not found in native keychain", or no answer in time
        }
        try {
            JsonNode answer = JSON.readTree(r.stdout());
            String user = answer.path("Username").asText("");
            String secret = answer.path("Secret").asText("");
            // "<token>" marks an identity token (OAuth refresh token), which this client does not exchange.
            if (user.isEmpty() || secret.isEmpty() || user.equals("<token>")) {
                return Optional.empty();
            }
            return Optional.of(new Credential(user, Secret.of(secret)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

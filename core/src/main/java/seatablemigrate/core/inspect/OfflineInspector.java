package seatablemigrate.core.inspect;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.spi.ComposeCli;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;

/**
 * Observes a copy of a compose directory without an engine: {@code .env}, the compose files (read as YAML, the
 * SeaTable image interpolated the way Compose does for {@code ${SEATABLE_IMAGE:-default}}) and the license.
 * What cannot be seen (containers, health, the database) is left for the audit script's guards.
 */
public final class OfflineInspector {
    /** SeaTable's databases, assumed when the database cannot be asked. */
    static final List<String> SEATABLE_DATABASES = List.of("ccnet_db", "dtable_db", "seafile_db");
    private static final Pattern ANY_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{SEATABLE_IMAGE(?::?-([^}]*))?}|\\$SEATABLE_IMAGE\\b");

    private final HostBackend host;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public OfflineInspector(HostBackend host) {
        this.host = requireNonNull(host, "host is null");
    }

    Installation inspect(Path composeDir, ComposePreference preference) {
        return inspect(composeDir, composeDir, preference);
    }

    /**
     * Observes the copy in {@code readDir} as if it were {@code composeDir} on the host: every path in the result
     * (and so in guards and changes) is the host's, every byte read is the copy's.
     */
    public Installation inspect(Path composeDir, Path readDir, ComposePreference preference) {
        java.util.function.Function<Path, Path> source = p -> readDir.resolve(composeDir.relativize(p));
        List<String> problems = new ArrayList<>();
        ComposeCli cli = preference == ComposePreference.STANDALONE ? ComposeCli.STANDALONE : ComposeCli.PLUGIN;
        Path envPath = composeDir.resolve(Installation.ENV_FILE);
        Optional<EnvFile> env = readEnv(readDir, source.apply(envPath), problems);
        List<Path> files = ComposeProjectFiles.composeFiles(composeDir, env, problems);

        ComposeServices project = read(files, source, problems);
        Map<String, String> rawImages = project.rawImages();
        Map<String, ImageRef> images = project.images(raw -> interpolate(raw, env));
        Optional<String> service = Inspector.seatableService(images);
        if (service.isEmpty() && problems.isEmpty()) {
            problems.add("no service in the compose files runs a SeaTable image" + project.unreadableImages(raw -> interpolate(raw, env)));
        }
        Optional<ImageRef> configured = service.map(images::get);
        boolean followsEnv = service.map(rawImages::get).filter(raw -> VARIABLE.matcher(raw).find()).isPresent();
        Optional<DatabaseInfo> database = images.entrySet().stream().filter(e -> e.getValue().isDatabaseServer()).map(Map.Entry::getKey)
                .findFirst().or(() -> rawImages.keySet().stream().filter(Inspector.DB_SERVICES::contains).findFirst())
                .map(s -> new DatabaseInfo(new ContainerState(project.containerName(s, env.flatMap(e -> e.get("COMPOSE_PROJECT_NAME")),
                        composeDir, cli == ComposeCli.STANDALONE), rawImages.get(s), "", "not observed",
                        ContainerState.Health.NONE, Map.of(), Map.of(), "", Optional.empty()), SEATABLE_DATABASES, -1, Optional.of("mariadb-dump"), Optional.empty()));
        Installation.DecidedState state = new Installation.DecidedState(configured.flatMap(ImageRef::edition),
                configured.flatMap(ImageRef::version), configured.map(i -> List.of("compose files and .env (offline): " + i)).orElse(List.of()),
                List.of());
        Path licensePath = composeDir.resolve(Installation.LICENSE_FILE);
        LicenseState read = Inspector.licenseState(host, source.apply(licensePath));
        LicenseState license = new LicenseState(licensePath, read.kind(), read.license(), read.problem());
        List<Path> stray = license.kind() == LicenseState.Kind.DIRECTORY ? List.of(license.path()) : List.of();
        return new Installation(composeDir, Optional.empty(), Optional.of(cli), env, host.stat(source.apply(envPath)).map(FileStat::mode).orElse(0),
                files, service, configured, Optional.of(followsEnv), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), license,
                stray, service.map(project.mountingLicense()::contains), database, state, problems);
    }

    /** The compose files read (from the copy) and merged in order, later files overriding earlier ones, as Compose does. */
    private ComposeServices read(List<Path> files, java.util.function.Function<Path, Path> source, List<String> problems) {
        ComposeServices project = ComposeServices.NONE;
        for (Path f : files) {
            Optional<byte[]> bytes = host.readFile(source.apply(f));
            if (bytes.isEmpty()) {
                problems.add("compose file " + source.apply(f) + " named in COMPOSE_FILE does not exist");
                continue;
            }
            try {
                project = project.merge(ComposeServices.read(yaml.readTree(bytes.get())));
            } catch (IOException e) {
                problems.add("compose file " + f + " is not valid YAML");
            }
        }
        return project;
    }

    private Optional<EnvFile> readEnv(Path composeDir, Path envPath, List<String> problems) {
        if (host.stat(composeDir).filter(FileStat::isDirectory).isEmpty()) {
            problems.add("compose directory " + composeDir + " does not exist");
            return Optional.empty();
        }
        return ComposeProjectFiles.env(envPath, host.readFile(envPath), problems);
    }

    /**
     * Replaces {@code ${VAR:-default}}, {@code ${VAR}} and {@code $VAR} with their values from {@code .env} (an empty
     * value takes the default), the way Compose does; a few rounds, for a value built from other variables
     * ({@code SEATABLE_IMAGE='${REGISTRY}/seatable/...'}). Empty when a variable is left.
     */
    static Optional<String> interpolate(String raw, Optional<EnvFile> env) {
        String s = raw;
        for (int round = 0; round < 3 && s.contains("$"); round++) {
            Matcher v = ANY_VARIABLE.matcher(s);
            StringBuilder next = new StringBuilder();
            while (v.find()) {
                String name = v.group(1) != null ? v.group(1) : v.group(3);
                Optional<String> value = env.flatMap(e -> e.get(name)).filter(x -> !x.isEmpty());
                v.appendReplacement(next, Matcher.quoteReplacement(value.orElse(v.group(2) == null ? "" : v.group(2))));
            }
            v.appendTail(next);
            s = next.toString();
        }
        return s.contains("$") ? Optional.empty() : Optional.of(s);
    }
}

package seatablemigrate.core.inspect;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import seatablemigrate.core.model.ActiveUsers;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.EngineAnswer;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.model.Sha256;
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
     * (and so in guards and changes) is the host's, every byte read is the copy's. A file the project names outside
     * {@code composeDir} (a {@code COMPOSE_FILE} entry or the license mount's source, absolute or with {@code ..}) has no
     * place in the copy: it is a problem, never read from the machine the tool runs on.
     */
    public Installation inspect(Path composeDir, Path readDir, ComposePreference preference) {
        Copy copy = new Copy(composeDir, readDir);
        List<String> problems = new ArrayList<>();
        ComposeCli cli = preference == ComposePreference.STANDALONE ? ComposeCli.STANDALONE : ComposeCli.PLUGIN;
        Path envPath = composeDir.resolve(Installation.ENV_FILE);
        Optional<EnvFile> env = readEnv(readDir, copy.of(envPath), problems);
        List<Path> files = ComposeProjectFiles.composeFiles(composeDir, env, problems);
        Map<Path, Sha256> sums = new LinkedHashMap<>();
        ComposeServices project = read(files, copy, sums, problems);
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
                        ContainerState.Health.NONE, Map.of(), Map.of(), "", Optional.empty()), SEATABLE_DATABASES, -1, Optional.of("mariadb-dump"), Optional.empty(),
                        ActiveUsers.unreadable("offline: not observed")));
        Installation.DecidedState state = new Installation.DecidedState(configured.flatMap(ImageRef::edition),
                configured.flatMap(ImageRef::version), configured.map(i -> List.of("compose files and .env (offline): " + i)).orElse(List.of()),
                List.of());
        LicenseState license = license(project, service, env, copy, problems);
        List<Path> stray = license.kind() == LicenseState.Kind.DIRECTORY ? List.of(license.path()) : List.of();
        return new Installation(composeDir, EngineAnswer.NOT_ASKED, Optional.of(cli), env, host.stat(copy.of(envPath)).map(FileStat::mode).orElse(0),
                files, sums, service, configured, Optional.of(followsEnv), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), license,
                stray, service.map(project.mountingLicense()::contains), database, state, problems,
                service.flatMap(s -> project.sharedPath(s, composeDir, raw -> interpolate(raw, env))));
    }

    /** Where the copy holds a file of the host's compose directory; empty for a path outside that directory. */
    private record Copy(Path composeDir, Path readDir) {
        Optional<Path> find(Path onHost) {
            Path p = onHost.normalize();
            return p.startsWith(composeDir) ? Optional.of(readDir.resolve(composeDir.relativize(p).toString())) : Optional.empty();
        }

        /** A path the tool itself put under the compose directory. */
        Path of(Path onHost) {
            return find(onHost).orElseThrow();
        }

        String outside(String what, Path onHost) {
            return what + " " + onHost + " is outside the compose directory " + composeDir + ": an offline plan reads only the copy "
                    + readDir + ", which cannot hold it; plan on the host, or keep the file in the compose directory";
        }
    }

    /** The license where the SeaTable service's bind mount takes it from (the rule {@link Inspector} follows too), read from the copy. */
    private LicenseState license(ComposeServices project, Optional<String> service, Optional<EnvFile> env, Copy copy, List<String> problems) {
        Path fallback = copy.composeDir().resolve(Installation.LICENSE_FILE);
        Optional<Path> path = project.licensePath(service, copy.composeDir(), raw -> interpolate(raw, env));
        if (path.isEmpty()) {
            problems.add("the source of the license mount of service " + service.orElse("?") + " (" + service.map(project.licenseSources()::get)
                    .orElse("") + ") names a variable that .env does not set");
            return LicenseState.missing(fallback);
        }
        Optional<Path> inCopy = copy.find(path.get());
        if (inCopy.isEmpty()) {
            problems.add(copy.outside("the license mount's source", path.get()));
            return LicenseState.missing(path.get());
        }
        return Inspector.licenseState(host, inCopy.get()).at(path.get());
    }

    /** The compose files read (from the copy) and merged in order, later files overriding earlier ones, as Compose does. */
    private ComposeServices read(List<Path> files, Copy copy, Map<Path, Sha256> sums, List<String> problems) {
        ComposeServices project = ComposeServices.NONE;
        for (Path f : files) {
            Optional<Path> inCopy = copy.find(f);
            if (inCopy.isEmpty()) {
                problems.add(copy.outside("compose file", f));
                continue;
            }
            Optional<byte[]> bytes = host.readFile(inCopy.get());
            if (bytes.isEmpty()) {
                problems.add("compose file " + inCopy.get() + " named in COMPOSE_FILE does not exist");
                continue;
            }
            sums.put(f, Sha256.of(bytes.get()));
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

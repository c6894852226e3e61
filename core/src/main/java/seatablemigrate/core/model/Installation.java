package seatablemigrate.core.model;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.model.ComposeCli;

/**
 * Everything observed about one SeaTable installation, and what was decided from it. Immutable; produced by the
 * inspector, read by the planner and the reports. Problems that made parts unobservable are listed in
 * {@link #problems()}, each a sentence for the user.
 *
 * @param composeDir       the Compose project directory
 * @param engine           what the Docker engine answered (offline: not asked)
 * @param composeCli       the Compose that was found, if any
 * @param env              the parsed {@code .env}, if readable
 * @param envMode          permission bits of {@code .env}
 * @param composeFiles     the project's compose files (from {@code COMPOSE_FILE})
 * @param composeFileSums  the checksum of each compose file as the inspection read it (offline: the copy's bytes); a
 *                         file that could not be read has none
 * @param seatableService  the Compose service that runs SeaTable
 * @param configuredImage  the SeaTable image as Compose resolves it from the files and {@code .env}
 * @param imageFollowsEnv  whether {@code SEATABLE_IMAGE} in {@code .env} decides that image (no override wins); empty when not checked
 * @param containers       the project's containers
 * @param seatable         the SeaTable container, if it exists
 * @param serverInfo       what {@code /server-info/} answered
 * @param recordedVersion  the version in {@code current_version.txt}
 * @param license          the license file where SeaTable's license bind mount takes it from (see {@link #licensePath()})
 * @param strayLicenseDirs directories where a license file should be
 * @param licenseMounted   whether the SeaTable service bind-mounts the license file where SeaTable reads it; empty when unknown
 * @param database         the MariaDB container and what it holds
 * @param state            the edition and version decided from all of this
 * @param problems         what could not be observed or understood
 * @param sharedFolder     the host folder mounted at {@code /shared} in SeaTable's container (its data volume, which holds
 *                         {@code seatable/conf}): the container's mount when it exists, else (offline) the compose files'
 *                         bind mount; empty when neither names an absolute folder
 */
public record Installation(Path composeDir, EngineAnswer engine, Optional<ComposeCli> composeCli,
                           Optional<EnvFile> env, int envMode, List<Path> composeFiles, Map<Path, Sha256> composeFileSums,
                           Optional<String> seatableService,
                           Optional<ImageRef> configuredImage, Optional<Boolean> imageFollowsEnv, List<ContainerState> containers,
                           Optional<ContainerState> seatable, Optional<ServerInfo> serverInfo,
                           Optional<SeaTableVersion> recordedVersion, LicenseState license, List<Path> strayLicenseDirs,
                           Optional<Boolean> licenseMounted, Optional<DatabaseInfo> database, DecidedState state, List<String> problems,
                           Optional<Path> sharedFolder) {

    public static final String ENV_FILE = ".env";
    public static final String LICENSE_FILE = "seatable-license.txt";
    public static final String IMAGE_KEY = "SEATABLE_IMAGE";
    /** Where SeaTable's container has its data volume. */
    public static final String SHARED = "/shared";

    public Installation {
        requireNonNull(composeDir, "composeDir is null");
        requireNonNull(engine, "engine is null");
        composeFiles = List.copyOf(composeFiles);
        composeFileSums = Map.copyOf(composeFileSums);
        containers = List.copyOf(containers);
        strayLicenseDirs = List.copyOf(strayLicenseDirs);
        problems = List.copyOf(problems);
        requireNonNull(license, "license is null");
        requireNonNull(state, "state is null");
        requireNonNull(sharedFolder, "sharedFolder is null");
    }

    /** An installation whose SeaTable data folder is what its container mounts at {@code /shared} (the online inspection's rule). */
    public Installation(Path composeDir, EngineAnswer engine, Optional<ComposeCli> composeCli,
                        Optional<EnvFile> env, int envMode, List<Path> composeFiles, Map<Path, Sha256> composeFileSums,
                        Optional<String> seatableService,
                        Optional<ImageRef> configuredImage, Optional<Boolean> imageFollowsEnv, List<ContainerState> containers,
                        Optional<ContainerState> seatable, Optional<ServerInfo> serverInfo,
                        Optional<SeaTableVersion> recordedVersion, LicenseState license, List<Path> strayLicenseDirs,
                        Optional<Boolean> licenseMounted, Optional<DatabaseInfo> database, DecidedState state, List<String> problems) {
        this(composeDir, engine, composeCli, env, envMode, composeFiles, composeFileSums, seatableService, configuredImage, imageFollowsEnv,
                containers, seatable, serverInfo, recordedVersion, license, strayLicenseDirs, licenseMounted, database, state, problems,
                seatable.map(c -> c.mounts().get(SHARED)).filter(src -> src.startsWith("/")).map(src -> Path.of(src).normalize()));
    }

    /** The Docker engine's version, empty when it did not answer or was not asked. */
    public Optional<String> engineVersion() {
        return engine.version();
    }

    public Path envPath() {
        return composeDir.resolve(ENV_FILE);
    }

    /**
     * Where the license file is on the host: the source of the SeaTable service's license bind mount, by default
     * {@code seatable-license.txt} beside {@code .env}. Installed, backed up and restored there.
     */
    public Path licensePath() {
        return license.path();
    }

    /** The name of the database's container when it runs (a dump is loaded into it); empty when there is none or it is stopped. */
    public Optional<String> runningDatabase() {
        return database.filter(d -> d.container().isRunning()).map(d -> d.container().name());
    }

    /** The project's containers other than SeaTable's service's (all of them when that service is unknown). */
    public List<ContainerState> otherContainers() {
        return containers.stream().filter(c -> seatableService.isEmpty() || !c.service().equals(seatableService)).toList();
    }

    /**
     * The current edition and version and the evidence for them.
     *
     * @param edition   decided edition, empty when unknown or contradictory
     * @param version   decided version, empty when unknown or contradictory
     * @param evidence  one line per source ("running container: seatable/seatable-enterprise:5.3.4")
     * @param conflicts sources that disagree, each explained
     */
    public record DecidedState(Optional<Edition> edition, Optional<SeaTableVersion> version, List<String> evidence,
                               List<String> conflicts) {
        public DecidedState {
            evidence = List.copyOf(evidence);
            conflicts = List.copyOf(conflicts);
        }
    }
}

package seatablemigrate.core.inspect;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.HostUnreachableException;
import seatablemigrate.core.ThreadPerTask;
import seatablemigrate.core.model.ActiveUsers;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.EngineAnswer;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.ServerInfo;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;

/**
 * Observes an installation: files, Compose's resolved configuration, containers, {@code /server-info/}, the
 * license and the database, and decides the current edition and version from that evidence. Changes nothing.
 * Failures to observe become problems in the result, so that status can show them and pre-flight refuse.
 */
public final class Inspector {
    /** A value no real image has: if Compose's resolved image becomes it, {@code SEATABLE_IMAGE} decides the image. */
    private static final String PROBE_IMAGE = "seatable-migrate-probe.invalid/seatable/probe:0.0.0";
    private static final List<String> DB_CONTAINER_NAMES = List.of("mariadb", "seatable-mysql");
    /** Service names of the database when no service runs a database image (older layouts). */
    static final List<String> DB_SERVICES = List.of("mariadb", "db");
    /** Service names in the order SeaTable's service is chosen among several with a SeaTable image. */
    private static final Comparator<String> SEATABLE_SERVER_FIRST =
            Comparator.comparing((String s) -> !s.equals("seatable-server")).thenComparing(Comparator.naturalOrder());

    /** One thread per question: they wait on the host, and none may queue behind another. */
    private static final Executor PARALLEL = new ThreadPerTask("seatable-migrate-inspect");

    private final HostBackend host;
    private final ContainerQueries queries;
    private final ComposeDetection compose;

    public Inspector(HostBackend host) {
        this.host = requireNonNull(host, "host is null");
        this.compose = new ComposeDetection(host);
        this.queries = new ContainerQueries(host);
    }

    /**
     * Observes the installation. Independent questions run in parallel (the engine, Compose's configuration, the
     * probe, the containers' answers): on a host with Compose v1 each Compose call costs half a second.
     */
    public Installation inspect(Path composeDir, ComposePreference preference) {
        return inspect(composeDir, preference, true);
    }

    /**
     * @param probeImageSetting whether to prove that {@code SEATABLE_IMAGE} in {@code .env} decides the image (one more
     *                          Compose call; planning needs it, {@code status} does not)
     */
    public Installation inspect(Path composeDir, ComposePreference preference, boolean probeImageSetting) {
        return inspect(composeDir, preference, probeImageSetting, image -> { });
    }

    /**
     * @param likelyImage told, as soon as the containers are listed, the image of the running container that most likely
     *                    serves SeaTable (before Compose's configuration says which service does): for questions that
     *                    can start on a good guess. Called at most once, on another thread; must not block.
     */
    public Installation inspect(Path composeDir, ComposePreference preference, boolean probeImageSetting,
                                Consumer<ImageRef> likelyImage) {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        PathQuestions paths = new PathQuestions();
        // Where the license usually is: asked beside the rest, before Compose's configuration names the place it mounts.
        paths.expectLicense(composeDir.resolve(Installation.LICENSE_FILE));
        EngineQuestions asked = askEngine(composeDir, likelyImage, paths);
        // Compose's configuration is the slowest question (half a second with Compose v1): asked first, beside the rest.
        List<String> configProblems = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Optional<Map.Entry<ComposeCli, ComposeServices>>> config =
                CompletableFuture.supplyAsync(() -> compose.configWithDetection(composeDir, preference, configProblems), PARALLEL);
        Optional<FileStat> dirStat = host.stat(composeDir);
        if (dirStat.isEmpty() || !dirStat.get().isDirectory()) {
            return missingDirectory(composeDir, preference, asked, problems);
        }
        ProjectFiles files = projectFiles(composeDir);
        problems.addAll(files.problems());
        boolean usable = files.env().isPresent() && problems.isEmpty();

        // The probe runs beside the plain config, with the first Compose candidate (almost always the right one).
        ImageSettingProbe probe = new ImageSettingProbe(composeDir, preference.candidates().get(0), probeImageSetting && usable);
        Configuration configuration = configuration(config.join(), configProblems, usable, preference, problems);
        Map<String, ImageRef> images = configuration.images();
        Optional<String> service = seatableService(images);
        CompletableFuture<Optional<Boolean>> followsEnv = CompletableFuture.completedFuture(Optional.empty());
        if (service.isPresent() && probeImageSetting) {
            followsEnv = probe.followsEnv(configuration.cli().orElseThrow(), service.get());
        } else if (service.isEmpty() && problems.isEmpty()) {
            problems.add("no service in the Compose configuration runs a SeaTable image (seatable/seatable-enterprise or seatable/seatable-developer)"
                    + configuration.services().unreadableImages(Optional::of));
        }
        Observed observed = observe(composeDir, configuration, service, asked, paths);
        EngineAnswer engine = asked.engine().join();
        return new Installation(composeDir, engine, configuration.cli(), files.env(), files.envMode(), files.composeFiles(), files.sums(), service,
                observed.configured(), followsEnv.join(), observed.containers(), observed.seatable(), observed.answers().info(),
                observed.answers().recorded(), observed.license(), observed.strayLicenseDirs(), service.map(configuration.services().mountingLicense()::contains),
                asked.database().join(), observed.state(), withEngine(engine, problems));
    }

    /** What the containers and the license say, once Compose's configuration named SeaTable's service, and the state decided from it. */
    private record Observed(Optional<ImageRef> configured, List<ContainerState> containers, Optional<ContainerState> seatable, Answers answers,
                            LicenseState license, List<Path> strayLicenseDirs, Installation.DecidedState state) {}

    private Observed observe(Path composeDir, Configuration configuration, Optional<String> service, EngineQuestions asked, PathQuestions paths) {
        Optional<ImageRef> configured = service.map(configuration.images()::get);
        List<ContainerState> containers = asked.containers().join();
        Optional<ContainerState> seatable = service.flatMap(s -> containers.stream()
                .filter(c -> c.service().filter(s::equals).isPresent()).findFirst());
        Answers answers = seatable.filter(ContainerState::isRunning).map(c -> asked.early().join().filter(e -> e.container().equals(c.name()))
                .orElseGet(() -> answers(c))).orElse(Answers.NONE);

        // Compose resolved the mount's source (variables, relative paths): the path is the host's as it is.
        Path licensePath = configuration.services().licensePath(service, composeDir, Optional::of).orElse(composeDir.resolve(Installation.LICENSE_FILE));
        LicenseState license = ThreadPerTask.join(paths.license(licensePath));
        List<Path> stray = strayLicenseDirs(license.path(), seatable, paths);
        Installation.DecidedState state = new StateDecision(host).decide(configured, seatable, answers.info(), answers.recorded());
        return new Observed(configured, containers, seatable, answers, license, stray, state);
    }

    /** The project's own files as the host has them: {@code .env}, its mode, the compose files it names and their checksums. */
    private record ProjectFiles(Optional<EnvFile> env, int envMode, List<Path> composeFiles, Map<Path, Sha256> sums, List<String> problems) {}

    /** Asks about the project's files, each question as soon as what it needs is known; the problems in the files' order. */
    private ProjectFiles projectFiles(Path composeDir) {
        List<String> problems = new ArrayList<>();
        Path envPath = composeDir.resolve(Installation.ENV_FILE);
        CompletableFuture<Integer> envMode = CompletableFuture.supplyAsync(() -> host.stat(envPath).map(FileStat::mode).orElse(0), PARALLEL);
        Optional<EnvFile> env = ComposeProjectFiles.env(envPath, host.readFile(envPath), problems);
        List<Path> composeFiles = ComposeProjectFiles.composeFiles(composeDir, env, problems);
        List<CompletableFuture<Optional<Sha256>>> sums = composeFiles.stream()
                .map(p -> CompletableFuture.supplyAsync(() -> host.sha256(p), PARALLEL)).toList();
        int mode = ThreadPerTask.join(envMode);
        return new ProjectFiles(env, mode, composeFiles, composeFileSums(composeFiles, sums, problems), problems);
    }

    /**
     * The questions to the engine, asked at once: its version, the project's containers, and then, as soon as those are
     * listed, the database's facts and the likely SeaTable container's answers (they need only the containers), and
     * whether a license path in its data folder is a directory.
     */
    private record EngineQuestions(CompletableFuture<EngineAnswer> engine, CompletableFuture<List<ContainerState>> containers,
                                   CompletableFuture<Optional<DatabaseInfo>> database, CompletableFuture<Optional<Answers>> early) {}

    private EngineQuestions askEngine(Path composeDir, Consumer<ImageRef> likelyImage, PathQuestions paths) {
        CompletableFuture<EngineAnswer> engineFuture = CompletableFuture.supplyAsync(this::engine, PARALLEL);
        // Asked at once, not after the version: an engine that does not answer fails both, and the version says why.
        CompletableFuture<List<ContainerState>> containersFuture = CompletableFuture.supplyAsync(() -> {
            try {
                return host.containers(Map.of(ContainerState.LABEL_WORKING_DIR, composeDir.toString()));
            } catch (HostUnreachableException e) {
                throw e;
            } catch (HostUnavailableException e) {
                return List.<ContainerState>of(); // the engine's answer says why
            }
        }, PARALLEL);

        // The database's facts and the likely SeaTable container's answers need only the containers: asked beside Compose.
        CompletableFuture<Optional<DatabaseInfo>> database = containersFuture.thenApplyAsync(this::database, PARALLEL);
        CompletableFuture<Optional<Answers>> early = containersFuture.thenApplyAsync(cs -> {
            Optional<ContainerState> likely = likelySeatable(cs);
            likely.flatMap(c -> ImageRef.parse(c.image())).ifPresent(likelyImage);
            likely.flatMap(Inspector::licenseInData).ifPresent(paths::expectDirectory);
            return likely.map(this::answers);
        }, PARALLEL);
        return new EngineQuestions(engineFuture, containersFuture, database, early);
    }

    /** What there is to say of a compose directory that is not there: which Compose and which engine answer. */
    private Installation missingDirectory(Path composeDir, ComposePreference preference, EngineQuestions asked, List<String> problems) {
        Optional<ComposeCli> cli = compose.detect(preference, problems);
        problems.add("compose directory " + composeDir + " does not exist on " + host.describe());
        EngineAnswer engine = asked.engine().join();
        return new Installation(composeDir, engine, cli, Optional.empty(), 0, List.of(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                LicenseState.missing(composeDir.resolve(Installation.LICENSE_FILE)), List.of(), Optional.empty(), Optional.empty(),
                new Installation.DecidedState(Optional.empty(), Optional.empty(), List.of(), List.of()), withEngine(engine, problems));
    }

    /** The project's Compose configuration as the tool takes it: which Compose reads it, its services and their images. */
    private record Configuration(Optional<ComposeCli> cli, ComposeServices services, Map<String, ImageRef> images) {}

    /**
     * @param resolved what Compose's configuration said, with the Compose that read it
     * @param usable   whether {@code .env} and the compose files were read without a problem: otherwise the
     *                 configuration is not taken, and Compose is detected on its own
     */
    private Configuration configuration(Optional<Map.Entry<ComposeCli, ComposeServices>> resolved, List<String> configProblems, boolean usable,
                                        ComposePreference preference, List<String> problems) {
        if (usable) {
            problems.addAll(configProblems);
            ComposeServices services = resolved.map(Map.Entry::getValue).orElse(ComposeServices.NONE);
            return new Configuration(resolved.map(Map.Entry::getKey), services, services.images(Optional::of));
        }
        // The configuration could not resolve (its errors follow from the problems listed), and Compose v2's
        // "no configuration file ... not found" reads like a missing command: ask the plain version instead.
        return new Configuration(compose.detect(preference, problems), ComposeServices.NONE, Map.of());
    }

    /**
     * Proves that {@code SEATABLE_IMAGE} in {@code .env} decides SeaTable's image: Compose resolves the configuration
     * with the setting replaced by {@link #PROBE_IMAGE}. Started at once with the likely Compose; asked again only when
     * another one read the configuration.
     */
    private final class ImageSettingProbe {
        private final Path composeDir;
        private final ComposeCli likely;
        private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<Map<String, ImageRef>> early;

        ImageSettingProbe(Path composeDir, ComposeCli likely, boolean start) {
            this.composeDir = composeDir;
            this.likely = likely;
            this.early = start ? ask(likely) : CompletableFuture.completedFuture(Map.of());
        }

        private CompletableFuture<Map<String, ImageRef>> ask(ComposeCli cli) {
            return CompletableFuture.supplyAsync(() -> resolvedImages(cli, composeDir, Map.of(Installation.IMAGE_KEY, PROBE_IMAGE), problems), PARALLEL);
        }

        /** Whether {@code service}'s image follows the setting, as the Compose that read the configuration resolves it. */
        CompletableFuture<Optional<Boolean>> followsEnv(ComposeCli cli, String service) {
            CompletableFuture<Map<String, ImageRef>> probed = cli == likely ? early : ask(cli);
            return probed.thenApply(m -> Optional.of(Optional.ofNullable(m.get(service))
                    .map(i -> i.toString().equals(PROBE_IMAGE)).orElse(false)));
        }
    }

    /** What a running SeaTable container says of itself: {@code /server-info/} and the version its data records. */
    private record Answers(String container, Optional<ServerInfo> info, Optional<SeaTableVersion> recorded) {
        static final Answers NONE = new Answers("", Optional.empty(), Optional.empty());
    }

    private Answers answers(ContainerState c) {
        CompletableFuture<Optional<SeaTableVersion>> recorded = CompletableFuture.supplyAsync(() -> queries.recordedVersion(c.name()), PARALLEL);
        Optional<ServerInfo> info = queries.serverInfo(c.name());
        return new Answers(c.name(), info, recorded.join());
    }

    /**
     * The running container that most likely serves SeaTable, judged from the containers alone (a SeaTable image,
     * {@code seatable-server} first), so that its answers can be asked for while Compose still resolves the
     * configuration; the configuration has the last word.
     */
    private static Optional<ContainerState> likelySeatable(List<ContainerState> containers) {
        return containers.stream().filter(ContainerState::isRunning)
                .filter(c -> ImageRef.parse(c.image()).flatMap(ImageRef::edition).isPresent())
                .min(Comparator.comparing((ContainerState c) -> c.service().orElse(c.name()), SEATABLE_SERVER_FIRST));
    }

    /** The engine's version, or why it does not answer; a host that cannot be reached at all is no engine's fault. */
    private EngineAnswer engine() {
        try {
            return EngineAnswer.answered(host.engineVersion());
        } catch (HostUnreachableException e) {
            throw e;
        } catch (HostUnavailableException e) {
            return EngineAnswer.silent(e.getMessage());
        }
    }

    /** The problems, the engine's first when it did not answer: everything else that could not be observed follows from it. */
    private static List<String> withEngine(EngineAnswer engine, List<String> problems) {
        List<String> out = new ArrayList<>();
        engine.problem().ifPresent(out::add);
        out.addAll(problems);
        return out;
    }

    /** The checksum of each compose file (asked at once, taken in order): what an audit script checks before its first change. */
    private static Map<Path, Sha256> composeFileSums(List<Path> files, List<CompletableFuture<Optional<Sha256>>> asked, List<String> problems) {
        Map<Path, Sha256> sums = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            Path p = files.get(i);
            Optional<Sha256> sum = ThreadPerTask.join(asked.get(i));
            if (sum.isEmpty()) {
                problems.add("compose file " + p + " named in COMPOSE_FILE does not exist");
            }
            sum.ifPresent(s -> sums.put(p, s));
        }
        return sums;
    }

    /** Service name to image, as Compose resolves it ({@code config}); its output holds secrets and is not kept. */
    private Map<String, ImageRef> resolvedImages(ComposeCli cli, Path dir, Map<String, String> env, List<String> problems) {
        return compose.services(cli, dir, host.composeQuery(cli, dir, env, List.of("config"), ComposeDetection.TIMEOUT), problems).images(Optional::of);
    }

    /** The service that runs SeaTable: the one with a SeaTable image, {@code seatable-server} first. */
    static Optional<String> seatableService(Map<String, ImageRef> images) {
        return images.entrySet().stream().filter(e -> e.getValue().edition().isPresent()).map(Map.Entry::getKey)
                .min(SEATABLE_SERVER_FIRST);
    }


    /** What is at a license path on the host: missing, a stray directory, or a file and what it says. */
    public static LicenseState licenseState(HostBackend host, Path path) {
        Optional<FileStat> stat = host.stat(path);
        if (stat.isEmpty()) {
            return LicenseState.missing(path);
        }
        if (stat.get().isDirectory()) {
            return LicenseState.directory(path);
        }
        return LicenseState.file(path, host.readFile(path).orElse(new byte[0]));
    }

    /**
     * A missing bind source makes old Compose versions create a directory; it breaks the Enterprise Edition. The
     * candidates are asked at once and listed in order.
     */
    private static List<Path> strayLicenseDirs(Path licensePath, Optional<ContainerState> seatable, PathQuestions paths) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(licensePath);
        seatable.flatMap(Inspector::licenseInData).ifPresent(candidates::add);
        List<CompletableFuture<Boolean>> asked = candidates.stream().map(paths::directory).toList();
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (ThreadPerTask.join(asked.get(i))) {
                out.add(candidates.get(i));
            }
        }
        return out;
    }

    /** Where SeaTable keeps a license in the folder its container mounts at {@code /shared}. */
    private static Optional<Path> licenseInData(ContainerState c) {
        return Optional.ofNullable(c.mounts().get("/shared")).map(src -> Path.of(src).resolve("seatable").resolve(Installation.LICENSE_FILE));
    }

    /**
     * The inspection's questions about paths, each asked once, on a thread of its own: started on a good guess (the
     * license's usual place) before Compose's configuration names the path, and taken again when it does.
     */
    private final class PathQuestions {
        private final Map<Path, CompletableFuture<LicenseState>> licenses = new ConcurrentHashMap<>();
        private final Map<Path, CompletableFuture<Boolean>> directories = new ConcurrentHashMap<>();

        /** Starts asking what is at a likely license path, and whether it is a directory (a stray one). */
        void expectLicense(Path path) {
            licenses.computeIfAbsent(path, this::askLicense);
            expectDirectory(path);
        }

        /** Starts asking whether a path is a directory. */
        void expectDirectory(Path path) {
            directories.computeIfAbsent(path, this::askDirectory);
        }

        /** What is at a license path ({@link Inspector#licenseState}). */
        CompletableFuture<LicenseState> license(Path path) {
            return licenses.computeIfAbsent(path, this::askLicense);
        }

        /** Whether a path is a directory. */
        CompletableFuture<Boolean> directory(Path path) {
            return directories.computeIfAbsent(path, this::askDirectory);
        }

        private CompletableFuture<LicenseState> askLicense(Path path) {
            return CompletableFuture.supplyAsync(() -> licenseState(host, path), PARALLEL);
        }

        private CompletableFuture<Boolean> askDirectory(Path path) {
            return CompletableFuture.supplyAsync(() -> host.stat(path).filter(FileStat::isDirectory).isPresent(), PARALLEL);
        }
    }

    private Optional<DatabaseInfo> database(List<ContainerState> containers) {
        // By what it runs first; the usual names only for an image that is not recognised (a private build).
        Optional<ContainerState> db = containers.stream().filter(c -> ImageRef.parse(c.image()).filter(ImageRef::isDatabaseServer).isPresent())
                .findFirst().or(() -> containers.stream()
                        .filter(c -> DB_CONTAINER_NAMES.contains(c.name()) || c.service().filter(DB_SERVICES::contains).isPresent())
                        .findFirst());
        if (db.isEmpty()) {
            return Optional.empty();
        }
        ContainerState c = db.get();
        if (!c.isRunning()) {
            String stopped = "container " + c.name() + " is not running";
            return Optional.of(new DatabaseInfo(c, List.of(), -1, Optional.empty(), Optional.of(stopped), ActiveUsers.unreadable(stopped)));
        }
        try {
            ContainerQueries.DatabaseFacts f = queries.facts(c.name());
            return Optional.of(new DatabaseInfo(c, f.databases(), f.sizeBytes(), f.dumpTool(), Optional.empty(), f.users()));
        } catch (ContainerQueries.DatabaseQueryException e) {
            return Optional.of(new DatabaseInfo(c, List.of(), -1, Optional.empty(), Optional.of(e.getMessage()), ActiveUsers.unreadable(e.getMessage())));
        }
    }

    /** Edition names for messages. */
    static String name(Optional<Edition> e) {
        return e.map(Edition::displayName).orElse("unknown edition");
    }
}

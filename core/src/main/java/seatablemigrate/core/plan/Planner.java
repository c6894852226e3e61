package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import seatablemigrate.core.inspect.Inspector;
import seatablemigrate.core.inspect.MariaDbCommands;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.registry.RegistryCatalog;
import seatablemigrate.core.runfolder.BackupManifest;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.RegistrySettings;

/** Turns an observed installation and a request into a {@link MigrationPlan}. Reads the host, changes nothing. */
public final class Planner {

    private final HostBackend host;
    private final Clock clock;
    private final ImageCatalog.Factory registries;
    private RegistrySettings settings;
    private ImageCatalog catalog;

    /** A planner that asks no registry: versions come from local images only. */
    public Planner(HostBackend host, Clock clock) {
        this(host, clock, ImageCatalog.Factory.NONE);
    }

    public Planner(HostBackend host, Clock clock, ImageCatalog.Factory registries) {
        this.host = requireNonNull(host, "host is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.registries = requireNonNull(registries, "registries is null");
    }

    public MigrationPlan plan(Installation inst, MigrationRequest asked) {
        // An upgrade keeps the edition that runs.
        MigrationRequest req = inst.state().edition().map(asked::forEdition).orElse(asked);
        Optional<String> problem;
        Optional<Target> target;
        try {
            // Without an engine neither local images nor the engine's registry settings can be asked: the check is deferred.
            target = inst.engine().silent() ? Optional.empty() : Optional.of(resolveTarget(inst, req));
            problem = Optional.empty();
        } catch (TargetException e) {
            target = Optional.empty();
            problem = Optional.of(e.getMessage());
        }
        Optional<LicenseState> offered = req.licenseFile().map(f -> Inspector.licenseState(host, f));
        Optional<ReleaseFilesUpdate> files = releaseFiles(inst, req, target);
        // Compose is asked only when a switch could follow: the target known, the project understood, no full restart, and
        // the files Compose would read are the ones the run starts on.
        Optional<ComposePreview> preview = target.filter(t -> !req.offline() && !req.fullRestart() && inst.problems().isEmpty()
                        && files.filter(ReleaseFilesUpdate::changes).isEmpty()
                        && inst.composeCli().isPresent() && inst.seatableService().isPresent() && changes(inst, req, t))
                .map(t -> ComposePreview.ask(host, inst, t.image()));
        Optional<SeatableConf> conf = !req.migratesDatabases() || inst.engine().silent() ? Optional.empty()
                : Optional.of(req.offlineCopy().map(c -> SeatableConf.readCopy(host, inst, c.seatableConf())).orElseGet(() -> SeatableConf.read(host, inst)));
        // Room for the image is asked only where it is pulled.
        Optional<ImageStore> images = target.filter(t -> !req.offline() && !t.presentLocally()).flatMap(t -> ImageStore.of(host));
        PlanContext ctx = new PlanContext(inst, req, target, problem, offered, req.offline() ? -1 : host.usableSpace(req.backupRoot()),
                req.offline() ? Optional.empty() : host.stat(req.backupRoot()),
                LocalDate.now(clock), preview, true, conf, images, files);
        List<CheckResult> checks = new ArrayList<>();
        for (PreflightCheck check : PreflightChecks.forRequest(req)) {
            checks.add(check.evaluate(ctx));
        }
        Path runDir = runDir(req, target);
        List<Step> steps = List.of();
        List<Step> rollback = List.of();
        if (target.isPresent() && checks.stream().noneMatch(CheckResult::failed) && inst.composeCli().isPresent()) {
            Optional<ReleaseFilesUpdate> update = files.filter(ReleaseFilesUpdate::changes);
            steps = steps(inst, req, target.get(), offered, new RunFolder(runDir), conf, update);
            rollback = wayBack(inst, req, runDir, conf, update);
        }
        return new MigrationPlan(inst, req, checks, target, runDir, steps, rollback);
    }

    /**
     * The run's folder: a reviewed plan fixes it (the run's identity); otherwise it is named by the time and the target, and
     * never reused: a run in the same second gets the next free suffix.
     */
    private Path runDir(MigrationRequest req, Optional<Target> target) {
        Optional<SeaTableVersion> upgradeTo = target.filter(t -> req.upgrade()).map(Target::version);
        IntFunction<Path> named = n -> upgradeTo.map(v -> RunFolder.upgradeNamed(req.backupRoot(), clock.instant(), v, n))
                .orElseGet(() -> RunFolder.named(req.backupRoot(), clock.instant(), req.target(), n)).dir();
        Path runDir = req.reviewed().map(PlanFile::runDir).orElse(named.apply(1));
        for (int n = 2; req.reviewed().isEmpty() && !req.offline() && host.stat(runDir).isPresent(); n++) {
            runDir = named.apply(n);
        }
        return runDir;
    }

    /**
     * The way back from the run in {@code runDir}; an upgrade's also restores the databases the new release migrated, the
     * folder that says so, and the compose files it replaced.
     */
    private List<Step> wayBack(Installation inst, MigrationRequest req, Path runDir, Optional<SeatableConf> conf,
                               Optional<ReleaseFilesUpdate> update) {
        RollbackSteps.ProjectFiles replaced = update.map(u -> new RollbackSteps.ProjectFiles(u.files().stream()
                .map(ReleaseFilesUpdate.FileUpdate::path).toList(), u.services(), true)).orElse(RollbackSteps.ProjectFiles.NONE);
        Optional<RollbackSteps.Data> data = conf.map(c -> new RollbackSteps.Data(inst.database().orElseThrow().container().name(),
                c.dir().orElseThrow(), c.files(), replaced));
        var project = new RollbackSteps.Project(inst.composeDir(), inst.composeCli().orElseThrow(), inst.seatableService().orElseThrow(),
                inst.license().path());
        var saved = new RollbackSteps.SavedState(runDir, inst.envMode(), inst.license().kind() == LicenseState.Kind.FILE,
                licenseMode(inst, req).orElse(BackupManifest.DEFAULT_LICENSE_MODE), inst.state().edition().orElseThrow(),
                inst.state().version().orElseThrow());
        return RollbackSteps.of(project, saved, req.healthTimeout(),
                req.fullRestart() ? RollbackSteps.Scope.STACK : RollbackSteps.Scope.SEATABLE, data);
    }

    /**
     * What an upgrade with release files ({@code --release-files}, {@code --download-release-files}) does to the official
     * files: decided once the target is known and differs from the running release (empty otherwise, and for a switch).
     * The source provides the files only then; files it cannot provide refuse the update with its message.
     */
    private Optional<ReleaseFilesUpdate> releaseFiles(Installation inst, MigrationRequest req, Optional<Target> target) {
        if (req.releaseFiles().isEmpty() || target.isEmpty() || inst.state().version().isEmpty() || !changes(inst, req, target.get())) {
            return Optional.empty();
        }
        SeaTableVersion running = inst.state().version().get();
        SeaTableVersion to = target.get().version();
        try {
            ReleaseSource.Provided files = req.releaseFiles().get().provide(running, to);
            return Optional.of(ReleaseFilesUpdate.decide(host, req.offlineCopy().map(OfflineCopy::dir), inst, files.files(), running, to).from(files.notes()));
        } catch (ReleaseSource.Unavailable e) {
            return Optional.of(ReleaseFilesUpdate.refused(running, to, e.getMessage()));
        }
    }

    /** The license file's permission bits as they are now (offline: not observed), restored with the file by the way back. */
    private Optional<Integer> licenseMode(Installation inst, MigrationRequest req) {
        // Offline the path is the host's, which this machine does not have: the default mode is assumed.
        return inst.license().kind() == LicenseState.Kind.FILE && !req.offline() ? host.stat(inst.license().path()).map(FileStat::mode)
                : Optional.empty();
    }

    /** Whether going to {@code t} changes what runs: another edition, or for an upgrade another version. */
    private static boolean changes(Installation inst, MigrationRequest req, Target t) {
        return req.upgrade() ? !inst.state().version().equals(Optional.of(t.version())) : !inst.state().edition().equals(Optional.of(req.target()));
    }

    /**
     * Chooses the explicit target image: same registry, the target edition's repository, a version of the same
     * MAJOR.MINOR. Without {@code --version} (or with {@code latest}) the newest release tag ({@code X.Y.Z}) of that
     * MAJOR.MINOR among the registry's tags and the local images. Then asks the registry whether the tag exists for
     * the host's platform (no pull) unless the image is present locally; with {@code --pin-digest} always.
     */
    Target resolveTarget(Installation inst, MigrationRequest req) {
        SeaTableVersion current = inst.state().version()
                .orElseThrow(() -> new TargetException("the current version is unknown, so no target version can be chosen"));
        ImageRef base = inst.configuredImage().orElseThrow(() -> new TargetException("the current image is unknown"));
        Edition edition = req.target();
        boolean automatic = req.version().isEmpty() || req.version().get().equals("latest");
        if (req.offline() && automatic) {
            throw new TargetException("offline, the target version cannot be looked up: give --version X.Y.Z");
        }
        if (req.offline() && base.digest().isPresent()) {
            // The pin says exactly which image runs; the target's digest is known only to its registry, which is not asked.
            throw new TargetException("SEATABLE_IMAGE in the copy's .env is pinned by digest (" + base + "), and offline the target's"
                    + " digest cannot be asked of its registry: writing the target without one would drop the pin. Plan on the host with"
                    + " --pin-digest (the target is then pinned to the digest its registry names), or take the pin out of .env first");
        }
        if (req.upgrade()) {
            return lookUp(req, base, edition, upgradeVersion(req, base, edition, current, automatic));
        }
        Releases releases = releases(base, edition, current, req.offline());
        SeaTableVersion version;
        String reason;
        if (automatic) {
            version = releases.versions().stream().findFirst().orElseThrow(() -> new TargetException("no " + current.majorMinor()
                    + ".x release of " + releases.repository() + " is known: " + releases.describe() + "; give one with --version X.Y.Z"));
            reason = "the newest " + current.majorMinor() + ".x of " + releases.repository() + " (" + releases.describe() + ")";
        } else {
            version = SeaTableVersion.parse(req.version().get()).orElseThrow(() -> new TargetException(
                    "--version " + req.version().get() + " is not a version (X.Y.Z or latest)"));
            reason = "--version " + version;
        }
        if (req.viaUpgrade()) {
            if (automatic || version.sameMinor(current)) {
                throw new TargetException("--via-upgrade goes to another release: give its version with --version X.Y.Z (running " + current
                        + "; a switch within " + current.majorMinor() + ".x needs no upgrade)");
            }
            return viaUpgrade(req, base, current, version, releases);
        }
        if (!version.sameMinor(current)) {
            String runs = twoRuns(req, base, current, version, releases);
            throw new TargetException("version " + version + " is not " + current.majorMinor() + ".x: an edition switch keeps "
                    + "MAJOR.MINOR (running " + current + ")" + runs + (runs.startsWith(TWO_RUNS) && !req.offline()
                    ? "; or one run of both: add --via-upgrade" : ""));
        }
        return lookUp(req, base, edition, new Chosen(version, new Target.Choice(reason, releases.versions(), releases.describe())));
    }

    /**
     * The way to another edition of another release, as two runs in an order the releases known allow: the upgrade
     * within the running edition first, when its repository has {@code version} and the upgrade path allows it; else the
     * switch first, when the target edition has a release of the running MAJOR.MINOR. Offline nothing is asked.
     */
    private String twoRuns(MigrationRequest req, ImageRef base, SeaTableVersion current, SeaTableVersion version, Releases target) {
        if (version.compareTo(current) < 0) {
            return "; a lower release cannot be switched to: SeaTable cannot run on databases a newer release migrated";
        }
        Optional<String> refusal = UpgradePath.route(current, version).refusal();
        if (refusal.isPresent()) {
            return "; and the upgrade to " + version + " is refused: " + refusal.get();
        }
        Edition running = base.edition().orElse(req.target() == Edition.ENTERPRISE ? Edition.DEVELOPER : Edition.ENTERPRISE);
        if (!req.offline()) {
            Releases upgrades = newerReleases(base, running, current);
            if (upgrades.versions().contains(version)) {
                return TWO_RUNS + ": 'upgrade --version " + version + "' (the " + running.displayName() + " " + version + " is known: "
                        + upgrades.describe() + "), then 'migrate --to " + req.target().id() + "' (the newest " + req.target().displayName() + " of "
                        + version.majorMinor() + ")";
            }
        }
        return target.versions().isEmpty() ? "; no " + req.target().displayName() + " " + current.majorMinor() + ".x to switch to first is known either ("
                + target.describe() + ")" : TWO_RUNS + ": 'migrate --to " + req.target().id() + "' (to the " + req.target().displayName() + " "
                + target.versions().get(0) + "), then 'upgrade --version " + version + "'";
    }

    /**
     * A switch to another edition of another release in two hops of one run: the upgrade within the running edition first
     * (to its newest release of {@code version}'s MAJOR.MINOR that the upgrade path allows), else the switch first (to the
     * target edition's newest release of the running MAJOR.MINOR), then the other hop to {@code version}.
     */
    private Target viaUpgrade(MigrationRequest req, ImageRef base, SeaTableVersion current, SeaTableVersion version, Releases target) {
        if (version.compareTo(current) < 0) {
            throw new TargetException("--version " + version + " is lower than the running " + current + ": SeaTable cannot run an older"
                    + " release on databases a newer one migrated");
        }
        Edition running = base.edition().orElseThrow(() -> new TargetException("the running image " + base + " names no edition"));
        Edition edition = req.target();
        Releases upgrades = newerReleases(base, running, current);
        Optional<SeaTableVersion> upgradeFirst = UpgradePath.newestAllowed(current,
                upgrades.versions().stream().filter(v -> v.sameMinor(version)).toList());
        if (upgradeFirst.isPresent()) {
            Target hop = lookUp(req, base, running, new Chosen(upgradeFirst.get(), new Target.Choice("the upgrade first: the newest "
                    + running.displayName() + " " + version.majorMinor() + ".x the upgrade path allows (" + upgrades.describe() + ")",
                    upgrades.versions(), upgrades.describe())));
            return lookUp(req, base, edition, new Chosen(version, new Target.Choice("--version " + version + ", through the "
                    + running.displayName() + " " + hop.version() + " (--via-upgrade: the upgrade, then the switch)", target.versions(),
                    target.describe()))).through(hop);
        }
        Optional<SeaTableVersion> switchFirst = target.versions().stream().findFirst();
        Optional<String> refused = switchFirst.flatMap(v -> UpgradePath.route(v, version).refusal());
        if (switchFirst.isEmpty() || refused.isPresent()) {
            throw new TargetException("no way there in two hops: no " + running.displayName() + " " + version.majorMinor()
                    + ".x the upgrade path allows is known (" + upgrades.describe() + "), and " + switchFirst.map(v -> "the upgrade from the "
                    + edition.displayName() + " " + v + " is refused: " + refused.orElseThrow())
                    .orElse("no " + edition.displayName() + " " + current.majorMinor() + ".x to switch to first is known (" + target.describe() + ")"));
        }
        Target hop = lookUp(req, base, edition, new Chosen(switchFirst.get(), new Target.Choice("the switch first: the newest "
                + edition.displayName() + " " + current.majorMinor() + ".x (" + target.describe() + ")", target.versions(), target.describe())));
        Releases finals = newerReleases(base, edition, hop.version());
        return lookUp(req, base, edition, new Chosen(version, new Target.Choice("--version " + version + ", through the " + edition.displayName()
                + " " + hop.version() + " (--via-upgrade: the switch, then the upgrade)", finals.versions(), finals.describe()))).through(hop);
    }

    private static final String TWO_RUNS = ". Two runs get there";

    /** A version chosen, and why. */
    private record Chosen(SeaTableVersion version, Target.Choice choice) {}

    /**
     * An upgrade's version: {@code --version}, which must not be lower than the running one, or the newest release of the
     * edition's repository that {@link UpgradePath} allows from the running one. The running version itself when there is
     * no newer one (nothing to do).
     */
    private Chosen upgradeVersion(MigrationRequest req, ImageRef base, Edition edition, SeaTableVersion current, boolean automatic) {
        Releases releases = req.offline() ? releases(base, edition, current, true) : newerReleases(base, edition, current);
        List<SeaTableVersion> newer = releases.versions();
        if (!automatic) {
            SeaTableVersion asked = SeaTableVersion.parse(req.version().get()).orElseThrow(() -> new TargetException(
                    "--version " + req.version().get() + " is not a version (X.Y.Z or latest)"));
            if (asked.compareTo(current) < 0) {
                throw new TargetException("--version " + asked + " is lower than the running " + current + ": SeaTable cannot run an older"
                        + " release on databases a newer one migrated. To go back, restore a backup taken before the upgrade:"
                        + " seatable-migrate rollback --restore-database");
            }
            return new Chosen(asked, new Target.Choice("--version " + asked, newer, releases.describe()));
        }
        Optional<SeaTableVersion> best = UpgradePath.newestAllowed(current, newer);
        Optional<SeaTableVersion> refused = newer.stream().filter(v -> best.map(b -> v.compareTo(b) > 0).orElse(true)).findFirst();
        if (best.isEmpty() && refused.isPresent()) {
            throw new TargetException("no newer release of " + releases.repository() + " can be upgraded to from " + current + "; "
                    + refused.get() + ": " + UpgradePath.route(current, refused.get()).refusal().orElseThrow());
        }
        String skipped = refused.map(v -> "; newer " + v + " is not chosen: " + UpgradePath.route(current, v).shortRefusal().orElseThrow())
                .orElse("");
        return best.map(v -> new Chosen(v, new Target.Choice("the newest release of " + releases.repository() + " the upgrade path allows ("
                        + releases.describe() + ")" + skipped, newer, releases.describe())))
                .orElseGet(() -> new Chosen(current, new Target.Choice("no release of " + releases.repository() + " is newer than " + current
                        + " (" + releases.describe() + ")", newer, releases.describe())));
    }

    /** The target image of {@code chosen}: asked of the registry unless it is local, pinned with {@code --pin-digest}. */
    private Target lookUp(MigrationRequest req, ImageRef base, Edition edition, Chosen chosen) {
        SeaTableVersion version = chosen.version();
        ImageRef image = base.forEdition(edition, version);
        Optional<String> imageId = req.offline() ? Optional.empty() : host.image(image.toString()).map(ImageInfo::id);
        // Offline the engine's insecure registries are unknown: Docker's default (loopback only) decides.
        RegistrySettings engine = req.offline() ? RegistrySettings.UNCONFIGURED : settings();
        ImageCatalog.Lookup lookup = ImageCatalog.Lookup.notAsked(RegistryCatalog.plainHttp(image, engine));
        if (!req.offline() && (imageId.isEmpty() || req.pinDigest())) {
            lookup = catalog().manifest(image, settings().platform());
        }
        if (req.pinDigest()) {
            if (lookup.digest().isEmpty()) {
                throw new TargetException("--pin-digest needs the digest of " + image + " from its registry, which "
                        + lookup.problem().orElse(lookup.answeredBy() + " does not list it"));
            }
            image = image.withDigest(lookup.digest().get());
        }
        return new Target(edition, version, image, imageId, chosen.choice(), lookup);
    }

    /**
     * The release versions of {@code edition} with {@code current}'s MAJOR.MINOR, newest first: the registry's tags
     * of the repository {@code base}'s registry holds, and the local images' (offline: none).
     */
    public Releases releases(ImageRef base, Edition edition, SeaTableVersion current, boolean offline) {
        ImageRef repository = base.forEdition(edition, current);
        if (offline) {
            return new Releases(repository.repository(), List.of(), List.of(), Optional.empty(), "not asked (offline)");
        }
        return Releases.of(repository.repository(), current, host.images(repository.repository()), catalog().tags(repository));
    }

    /**
     * The releases of {@code edition} newer than {@code from}, of any MAJOR.MINOR, newest first: the registry's tags of the
     * repository {@code base}'s registry holds, and the local images' (an upgrade's candidates, or a hop's).
     */
    private Releases newerReleases(ImageRef base, Edition edition, SeaTableVersion from) {
        ImageRef repository = base.forEdition(edition, from);
        return Releases.newer(repository.repository(), from, host.images(repository.repository()), catalog().tags(repository));
    }

    /**
     * What is known of one repository's releases of one MAJOR.MINOR.
     *
     * @param listed     versions the registry lists, newest first
     * @param local      versions of local images, newest first
     * @param problem    why the registry did not answer
     * @param answeredBy who answered (or was asked)
     */
    public record Releases(String repository, List<SeaTableVersion> listed, List<SeaTableVersion> local, Optional<String> problem,
                    String answeredBy) {
        /**
         * What the engine's images of {@code repository} and its registry's listing say of {@code current}'s MAJOR.MINOR
         * (whoever asked them, and however: the planner one after another, {@code status} at once).
         */
        public static Releases of(String repository, SeaTableVersion current, List<ImageInfo> images, ImageCatalog.Listing listing) {
            return of(repository, images, listing, v -> v.sameMinor(current));
        }

        /**
         * What the engine's images of {@code repository} and its registry's listing say of releases newer than
         * {@code current}, of any MAJOR.MINOR (an upgrade's candidates).
         */
        public static Releases newer(String repository, SeaTableVersion current, List<ImageInfo> images, ImageCatalog.Listing listing) {
            return of(repository, images, listing, v -> v.compareTo(current) > 0);
        }

        private static Releases of(String repository, List<ImageInfo> images, ImageCatalog.Listing listing, Predicate<SeaTableVersion> wanted) {
            List<SeaTableVersion> local = images.stream().flatMap(i -> i.repoTags().stream())
                    .map(ImageRef::parse).flatMap(Optional::stream).map(r -> r.tag().flatMap(SeaTableVersion::parseTag)).flatMap(Optional::stream)
                    .filter(wanted).distinct().sorted(Comparator.reverseOrder()).toList();
            List<SeaTableVersion> listed = listing.tags().stream().map(SeaTableVersion::parseTag).flatMap(Optional::stream)
                    .filter(wanted).distinct().sorted(Comparator.reverseOrder()).toList();
            return new Releases(repository, listed, local, listing.problem(), listing.answeredBy());
        }

        /** Both sources, newest first. */
        public List<SeaTableVersion> versions() {
            return Stream.concat(listed.stream(), local.stream()).distinct().sorted(Comparator.reverseOrder()).toList();
        }

        public String describe() {
            String registry = problem.orElse((listed.isEmpty() ? "no matching tag" : "tags " + listed) + " in " + answeredBy);
            return registry + "; local images: " + (local.isEmpty() ? "none" : local.toString());
        }
    }

    private RegistrySettings settings() {
        if (settings == null) {
            settings = host.registrySettings();
        }
        return settings;
    }

    private ImageCatalog catalog() {
        if (catalog == null) {
            catalog = registries.forHost(settings(), host.hostHttp());
        }
        return catalog;
    }

    private List<Step> steps(Installation inst, MigrationRequest req, Target target, Optional<LicenseState> offered, RunFolder folder,
                             Optional<SeatableConf> conf, Optional<ReleaseFilesUpdate> update) {
        List<Step> steps = new ArrayList<>();
        target.via().flatMap(hop -> pull(req, hop)).ifPresent(steps::add);
        pull(req, target).ifPresent(steps::add);
        steps.add(prepare(inst, folder, conf));
        steps.add(backup(inst, req, target, folder, conf, update));
        update.ifPresent(u -> steps.add(releaseFilesStep(inst, u)));
        // Through a first hop (--via-upgrade): its release runs and is verified healthy before the second hop begins.
        target.via().ifPresent(hop -> steps.addAll(switchSteps(inst, req, hop, offered, false)));
        steps.addAll(switchSteps(inst, req, target, offered, update.isPresent()));
        return steps;
    }

    /**
     * The official files brought to the target release's: each changed compose file written whole (its content is the
     * release's, or the admin's merged with it: never a secret, {@link ReleaseFilesUpdate} refuses those), and the
     * variables {@code .env} gains, a generated secret made on the host.
     */
    private static Step releaseFilesStep(Installation inst, ReleaseFilesUpdate u) {
        List<Change> changes = new ArrayList<>();
        for (ReleaseFilesUpdate.FileUpdate f : u.files()) {
            changes.add(new FileChange.WriteFile(f.path(), f.content().getBytes(StandardCharsets.UTF_8), 0644));
        }
        for (ReleaseFilesUpdate.EnvAddition e : u.env()) {
            changes.add(e.value().<Change>map(v -> new FileEdit.SetEnvValue(inst.envPath(), e.key(), v))
                    .orElseGet(() -> new FileEdit.AddGeneratedSecret(inst.envPath(), e.key())));
        }
        return new Step(StepId.RELEASE_FILES, "bring the official files to " + u.target() + "'s: " + u.describe(), changes, Optional.empty());
    }

    /** The pull of the target image, when the run needs one. */
    private static Optional<Step> pull(MigrationRequest req, Target target) {
        // Pulled first, before anything stops and before the run folder exists: a pull that fails (an unreachable
        // registry) leaves nothing behind, so the same run (a reviewed plan, an audit script) can be tried again. A pinned
        // image is pulled by its digest even when a local image has its tag. Offline nothing is known of the host's
        // images: the script pulls only what is missing (an air-gapped host has it already).
        if (req.offline()) {
            return Optional.of(new Step(StepId.PULL, "pull " + target.image() + " unless the host has it",
                    List.of(EngineChange.PullImage.ifMissing(target.image())), Optional.empty()));
        }
        if (!target.presentLocally() || req.pinDigest()) {
            return Optional.of(new Step(StepId.PULL, "pull " + target.image(), List.of(new EngineChange.PullImage(target.image())),
                    Optional.empty()));
        }
        return Optional.empty();
    }

    /** The run folder, its config folder (and its copy of SeaTable's configuration folder), and the pointer to it. */
    private static Step prepare(Installation inst, RunFolder folder, Optional<SeatableConf> conf) {
        Path runDir = folder.dir();
        List<Change> prepare = new ArrayList<>(List.of(FileChange.MakeDirectory.fresh(runDir, 0700),
                FileChange.MakeDirectory.fresh(folder.config(), 0700)));
        conf.ifPresent(c -> prepare.add(FileChange.MakeDirectory.fresh(folder.seatableConf(), 0700)));
        prepare.addAll(RunPointer.write(inst.composeDir(), runDir));
        return new Step(StepId.PREPARE, "create the run folder " + runDir, prepare, Optional.empty());
    }

    /** The backup into the run folder: the dump (unless skipped), the files, their checksums and the manifest. */
    private Step backup(Installation inst, MigrationRequest req, Target target, RunFolder folder, Optional<SeatableConf> conf,
                        Optional<ReleaseFilesUpdate> update) {
        Path config = folder.config();
        List<Change> backup = new ArrayList<>();
        List<String> names = new ArrayList<>();
        backup.add(new FileChange.CopyFile(inst.envPath(), config.resolve(Installation.ENV_FILE), 0600));
        names.add(RunFolder.CONFIG_DIR + "/" + Installation.ENV_FILE);
        if (inst.license().kind() == LicenseState.Kind.FILE) {
            backup.add(new FileChange.CopyFile(inst.licensePath(), config.resolve(Installation.LICENSE_FILE), 0600));
            names.add(RunFolder.CONFIG_DIR + "/" + Installation.LICENSE_FILE);
        }
        for (Path f : inst.composeFiles()) {
            backup.add(new FileChange.CopyFile(f, config.resolve(f.getFileName()), 0600));
            names.add(RunFolder.CONFIG_DIR + "/" + f.getFileName());
        }
        for (BackupManifest.SavedFile f : conf.map(SeatableConf::files).orElse(List.of())) {
            backup.add(new FileChange.CopyFile(conf.get().dir().orElseThrow().resolve(f.name()), folder.seatableConf().resolve(f.name()), 0600));
            names.add(RunFolder.SEATABLE_CONF_DIR + "/" + f.name());
        }
        Optional<Verification> dumpCheck = Optional.empty();
        if (req.backup()) {
            var db = inst.database().orElseThrow();
            Path dump = folder.dump();
            backup.add(0, MariaDbCommands.dump(db.container().name(), db.dumpTool().orElseThrow(), db.databases(), dump));
            names.add(0, RunFolder.DUMP_FILE);
            dumpCheck = Optional.of(new Verification.DumpComplete(dump));
        }
        backup.add(new FileEdit.WriteChecksums(folder.dir(), names));
        backup.add(new FileChange.WriteFile(folder.manifest(), manifest(inst, req, target, names, conf, update), 0600));
        return new Step(StepId.BACKUP, conf.isPresent() ? "back up the databases, .env, license, compose files and SeaTable's configuration folder"
                : req.backup() ? "back up the databases, .env, license and compose files"
                : "save .env, license and compose files (database dump skipped: --no-backup)", backup, dumpCheck);
    }

    /** The switch itself: stop (with a full restart), the image in .env, the license, the start, the health wait. */
    private static List<Step> switchSteps(Installation inst, MigrationRequest req, Target target, Optional<LicenseState> offered,
                                          boolean newFiles) {
        ComposeCli cli = inst.composeCli().orElseThrow();
        List<Step> steps = new ArrayList<>();
        if (req.fullRestart()) {
            steps.add(new Step(StepId.STOP, "stop SeaTable (" + cli.spelling() + " down)",
                    List.of(EngineChange.Compose.down(inst.composeDir(), cli)), Optional.empty()));
        }
        // Without a full restart SeaTable keeps running while .env and the license change (it reads neither until
        // it starts); 'up -d --no-deps SERVICE' then recreates only its container, whose image changed. A plain 'up -d'
        // would also recreate every container whose configuration hash differs (all of them on a stack another Compose
        // created), so the other services are never named: MariaDB keeps running whatever Compose thinks of it.
        steps.add(new Step(StepId.SWITCH_IMAGE, "set " + Installation.IMAGE_KEY + " to " + target.image() + " in .env",
                List.of(new FileEdit.SetEnvValue(inst.envPath(), Installation.IMAGE_KEY, target.image().toString())),
                Optional.empty()));
        if (offered.isPresent() && target.edition() == Edition.ENTERPRISE
                && !offered.get().license().map(l -> l.sha256()).equals(inst.license().license().map(l -> l.sha256()))) {
            steps.add(new Step(StepId.LICENSE, "install the license " + offered.get().path(),
                    List.of(new FileChange.CopyFile(offered.get().path(), inst.licensePath(), 0644)), Optional.empty()));
        }
        String service = inst.seatableService().orElseThrow();
        EngineChange.Compose start = req.fullRestart() || newFiles ? EngineChange.Compose.up(inst.composeDir(), cli)
                : EngineChange.Compose.upOnly(inst.composeDir(), cli, service);
        steps.add(new Step(StepId.START, newFiles ? "start the new release (" + start.describe() + ": the project comes up on its new"
                + " files; Compose recreates the services they change)" : req.fullRestart() ? "start SeaTable (" + start.describe() + ")"
                : "recreate SeaTable's container on the new image (" + start.describe() + "; every other container keeps running)",
                List.of(start), Optional.empty()));
        steps.add(new Step(StepId.VERIFY, "wait until the " + target.edition().displayName() + " " + target.version() + " is healthy"
                + (req.migratesDatabases() ? " (it migrates the databases first; waits up to " + new WaitTime(req.healthTimeout()) + ")" : ""),
                List.of(), Optional.of(new Verification.Healthy(target.edition(), target.version(), req.healthTimeout()))));
        return steps;
    }

    private byte[] manifest(Installation inst, MigrationRequest req, Target target, List<String> files, Optional<SeatableConf> conf,
                            Optional<ReleaseFilesUpdate> update) {
        return new BackupManifest(BackupManifest.TOOL, clock.instant().toString(), req.offlineSource().orElse(host.describe()),
                inst.composeDir().toString(),
                new BackupManifest.Side(inst.state().edition().orElseThrow(), inst.state().version().orElseThrow(),
                        inst.configuredImage().orElseThrow().toString()),
                new BackupManifest.Side(target.edition(), target.version(), target.image().toString()),
                req.backup(), req.backup() ? inst.database().orElseThrow().databases() : List.of(), Integer.toOctalString(inst.envMode()),
                inst.license().kind() == LicenseState.Kind.FILE, licenseMode(inst, req).map(Integer::toOctalString).orElse(null), files, RunFolder.CHECKSUMS, req.migratesDatabases() ? Intent.UPGRADE.id() : null,
                conf.map(SeatableConf::files).orElse(List.of()), update.map(u -> new BackupManifest.ReleaseUpdate(u.files().stream()
                        .map(f -> f.path().getFileName().toString()).toList(), u.services())).orElse(null)).toJson();
    }

    /** The target cannot be chosen; the message says why and what to give instead. */
    static final class TargetException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TargetException(String message) {
            super(message);
        }
    }
}

package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.EngineAnswer;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.License;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.ServerInfo;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.registry.CredentialSource;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.registry.RegistryCatalog;
import seatablemigrate.core.registry.RegistryClient;
import seatablemigrate.core.registry.RegistryLimits;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HttpTransport;
import seatablemigrate.core.testing.Installations;

/** The planner's decisions against an observed installation; the host is a mock that answers image queries. */
class PlannerTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private HostBackend host;

    @BeforeEach
    void host() {
        host = Installations.plannableHost();
    }

    /** A registry that lists {@code tags} for the Developer repository and has manifests for exactly those tags. */
    private static ImageCatalog.Factory registry(String... tags) {
        return (settings, fromHost) -> new ImageCatalog() {
            @Override
            public Listing tags(ImageRef repository) {
                return new Listing(repository.path().endsWith("developer") ? List.of(tags) : List.of(), "registry.test", Optional.empty());
            }

            @Override
            public Lookup manifest(ImageRef image, String platform) {
                boolean exists = image.path().endsWith("developer") && List.of(tags).contains(image.tag().orElse(""));
                return new Lookup(exists ? Lookup.Kind.EXISTS : Lookup.Kind.MISSING, platform,
                        exists ? Optional.of("sha256:" + "ab".repeat(32)) : Optional.empty(), List.of(), "registry.test", Optional.empty(), false);
            }
        };
    }

    private static final ImageCatalog.Factory DOWN = (settings, fromHost) -> new ImageCatalog() {
        @Override
        public Listing tags(ImageRef repository) {
            return new Listing(List.of(), "registry.test", Optional.of("registry.test cannot be reached (Connection refused)"));
        }

        @Override
        public Lookup manifest(ImageRef image, String platform) {
            return new Lookup(Lookup.Kind.UNANSWERED, platform, Optional.empty(), List.of(), "registry.test",
                    Optional.of("registry.test cannot be reached (Connection refused)"), false);
        }
    };

    private MigrationPlan plan(ImageCatalog.Factory registries, String version, boolean pin) {
        var req = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.ofNullable(version)).backupRoot(Path.of("/backup"))
                .healthTimeout(Duration.ofMinutes(5)).build();
        return new Planner(host, CLOCK, registries).plan(enterprise("5.3.4"), pin ? req.pinningDigest() : req);
    }

    private void localImages(String... refs) {
        List<ImageInfo> infos = java.util.Arrays.stream(refs).map(r -> new ImageInfo("sha256:" + r.hashCode(), List.of(r))).toList();
        when(host.images("seatable/seatable-developer")).thenReturn(infos.stream().filter(i -> i.repoTags().get(0).contains("developer")).toList());
        for (ImageInfo i : infos) {
            when(host.image(i.repoTags().get(0))).thenReturn(Optional.of(i));
        }
    }

    static Installation enterprise(String version) {
        return enterprise(version, "seatable/seatable-enterprise:" + version);
    }

    static Installation enterprise(String version, String image) {
        EnvFile env = EnvFile.parse(("COMPOSE_FILE='seatable-server.yml'\nSEATABLE_IMAGE='" + image + "'\n").getBytes(StandardCharsets.UTF_8));
        ContainerState seatable = new ContainerState("seatable-server", image, "sha256:1", "running", ContainerState.Health.HEALTHY,
                Map.of(ContainerState.LABEL_SERVICE, "seatable-server"), Map.of(), "c1", ContainerState.startedAt("2026-11-25T09:00:00Z"));
        ContainerState db = new ContainerState("mariadb", "mariadb:10.11", "sha256:2", "running", ContainerState.Health.HEALTHY,
                Map.of(ContainerState.LABEL_SERVICE, "mariadb"), Map.of(), "c2", ContainerState.startedAt("2026-11-25T08:00:00Z"));
        SeaTableVersion v = SeaTableVersion.parse(version).orElseThrow();
        License license = License.parse("Expiration = \"2099-01-01\"\n".getBytes(StandardCharsets.UTF_8));
        return new Installation(DIR, EngineAnswer.answered("20.10"), Optional.of(ComposeCli.PLUGIN), Optional.of(env), 0600,
                List.of(DIR.resolve("seatable-server.yml")), Map.of(DIR.resolve("seatable-server.yml"), Sha256.of(new byte[0])),
                Optional.of("seatable-server"), ImageRef.parse(image), Optional.of(true),
                List.of(db, seatable), Optional.of(seatable), Optional.of(new ServerInfo(v, Edition.ENTERPRISE)), Optional.of(v),
                new LicenseState(DIR.resolve("seatable-license.txt"), LicenseState.Kind.FILE, Optional.of(license), Optional.empty()),
                List.of(), Optional.of(true), Optional.of(new DatabaseInfo(db, List.of("ccnet_db", "dtable_db", "seafile_db"), 1000, Optional.of("mariadb-dump"), Optional.empty(),
                        seatablemigrate.core.model.ActiveUsers.counted(2))),
                new Installation.DecidedState(Optional.of(Edition.ENTERPRISE), Optional.of(v), List.of(), List.of()), List.of());
    }

    private MigrationPlan plan(Installation inst, String version) {
        var req = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.ofNullable(version)).backupRoot(Path.of("/backup"))
                .healthTimeout(Duration.ofMinutes(5)).build();
        return new Planner(host, CLOCK).plan(inst, req);
    }

    private static CheckResult check(MigrationPlan p, String name) {
        return p.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void picksTheOnlyLocalDeveloperImageOfTheSameMinor() {
        localImages("seatable/seatable-developer:5.3.0", "seatable/seatable-developer:5.4.0");
        MigrationPlan p = plan(enterprise("5.3.4"), null);
        assertThat(p.refused()).as(p.checks().toString()).isFalse();
        assertThat(p.target().orElseThrow().image().toString()).isEqualTo("seatable/seatable-developer:5.3.0");
        assertThat(p.steps()).extracting(Step::id).containsExactly("prepare", "backup", "switch-image", "start", "verify");
        assertThat(p.steps().get(2).changes()).containsExactly(
                new FileEdit.SetEnvValue(DIR.resolve(".env"), "SEATABLE_IMAGE", "seatable/seatable-developer:5.3.0"));
        assertThat(p.rollback()).extracting(Step::id).containsExactly("rollback-stop", "rollback-restore", "rollback-start", "rollback-verify");
        assertThat(p.rollback().get(0).changes()).containsExactly(EngineChange.Compose.stop(DIR, ComposeCli.PLUGIN, "seatable-server"));
        assertThat(p.steps().get(3).changes()).containsExactly(EngineChange.Compose.upOnly(DIR, ComposeCli.PLUGIN, "seatable-server"));
        assertThat(p.steps().get(3).changes().get(0).shell()).endsWith(" docker compose up -d --no-deps seatable-server)");
        assertThat(p.rollback().get(2).changes()).containsExactly(EngineChange.Compose.upOnly(DIR, ComposeCli.PLUGIN, "seatable-server"));
        assertThat(p.runDir()).isEqualTo(Path.of("/backup/20261125-100000-to-developer"));
    }

    @Test
    void aFullRestartStopsTheWholeStackFirstAndSoDoesItsRollback() {
        localImages("seatable/seatable-developer:5.3.0");
        var req = MigrationRequest.builder(DIR, Edition.DEVELOPER).backupRoot(Path.of("/backup")).healthTimeout(Duration.ofMinutes(5))
                .build().withFullRestart();
        MigrationPlan p = new Planner(host, CLOCK).plan(enterprise("5.3.4"), req);
        assertThat(p.steps()).extracting(Step::id).containsExactly("prepare", "backup", "stop", "switch-image", "start", "verify");
        assertThat(p.steps().get(2).changes()).containsExactly(EngineChange.Compose.down(DIR, ComposeCli.PLUGIN));
        assertThat(p.steps().get(4).changes()).containsExactly(EngineChange.Compose.up(DIR, ComposeCli.PLUGIN));
        assertThat(p.rollback()).extracting(Step::id).containsExactly("rollback-stop", "rollback-restore", "rollback-start", "rollback-verify");
        assertThat(p.rollback().get(0).changes()).containsExactly(EngineChange.Compose.down(DIR, ComposeCli.PLUGIN));
        assertThat(p.rollback().get(2).changes()).containsExactly(EngineChange.Compose.up(DIR, ComposeCli.PLUGIN));
    }

    @Test
    void choosesTheNewestPatchOfTheMinorOrSaysWhatIsKnown() {
        localImages("seatable/seatable-developer:5.3.0", "seatable/seatable-developer:5.3.1");
        assertThat(plan(enterprise("5.3.4"), null).target().orElseThrow().version()).hasToString("5.3.1");
        localImages("seatable/seatable-developer:5.4.0");
        assertThat(check(plan(enterprise("5.3.4"), null), "target-version").message())
                .contains("no 5.3.x release of seatable/seatable-developer is known").contains("--version X.Y.Z");
    }

    @Test
    void theRegistrysTagsDecideNumericallyAndOnlyReleaseTagsCount() {
        MigrationPlan p = plan(registry("5.3.0", "5.3.9", "5.3.10", "5.3.11-rc1", "5.3", "latest", "v5.3.12", "5.4.0"), null, false);
        Target t = p.target().orElseThrow();
        assertThat(t.version()).hasToString("5.3.10");
        assertThat(t.choice().available()).extracting(Object::toString).containsExactly("5.3.10", "5.3.9", "5.3.0");
        assertThat(t.choice().reason()).contains("newest 5.3.x").contains("registry.test");
        assertThat(check(p, "target-image").message()).contains("is not present locally: it is pulled before anything stops")
                .contains("exists in registry.test");
        assertThat(plan(registry("5.3.0", "5.3.10"), "latest", false).target().orElseThrow().version()).hasToString("5.3.10");
    }

    @Test
    void aTagTheRegistryLacksIsRefusedWithWhatItHas() {
        MigrationPlan p = plan(registry("5.3.0", "5.3.2"), "5.3.1", false);
        assertThat(p.refused()).isTrue();
        assertThat(p.steps()).isEmpty();
        assertThat(check(p, "target-image").message()).contains("seatable/seatable-developer:5.3.1 does not exist in registry.test")
                .contains("[5.3.2, 5.3.0]");
    }

    @Test
    void anUnreachableRegistryRefusesUnlessTheImageIsLocal() {
        MigrationPlan p = plan(DOWN, "5.3.0", false);
        assertThat(p.refused()).isTrue();
        assertThat(check(p, "target-image").message()).contains("not present locally and its registry cannot be asked")
                .contains("registry.test cannot be reached");
        localImages("seatable/seatable-developer:5.3.0");
        MigrationPlan local = plan(DOWN, null, false);
        assertThat(local.refused()).as(local.checks().toString()).isFalse();
        assertThat(local.target().orElseThrow().choice().reason()).contains("registry.test cannot be reached").contains("local images: [5.3.0]");
    }

    @Test
    void aRegistryThatAnswersNonsenseIsARefusalThatNamesIt() {
        HttpTransport nonsense = (method, uri, headers, deadline, maxBytes) -> new HttpTransport.Answer(401,
                Map.of("www-authenticate", List.of("Bearer realm=\"//auth.example/token\"")), new byte[0]);
        ImageCatalog.Factory registries = (settings, fromHost) -> new RegistryCatalog(new RegistryClient(nonsense, CredentialSource.NONE, settings,
                RegistryLimits.DEFAULT, d -> { }), Optional.empty(), settings);
        MigrationPlan p = plan(registries, "5.3.0", false);
        assertThat(p.refused()).isTrue();
        assertThat(check(p, "target-image").message()).contains("its registry cannot be asked").contains("Docker Hub").contains("token realm")
                .doesNotContain("Exception");
    }

    @Test
    void aPinnedDigestIsWrittenAndPulledAndGuarded() {
        localImages("seatable/seatable-developer:5.3.0");
        MigrationPlan p = plan(registry("5.3.0"), null, true);
        String pinned = "seatable/seatable-developer:5.3.0@sha256:" + "ab".repeat(32);
        assertThat(p.target().orElseThrow().image()).hasToString(pinned);
        assertThat(p.steps()).extracting(Step::id).contains("pull");
        assertThat(p.steps().stream().flatMap(s -> s.changes().stream()))
                .contains(new FileEdit.SetEnvValue(DIR.resolve(".env"), "SEATABLE_IMAGE", pinned));
        assertThat(check(p, "target-image").shellGuard().orElseThrow())
                .startsWith("{ docker manifest inspect -v seatable/seatable-developer:5.3.0 | grep -qF sha256:" + "ab".repeat(32) + "; }");
        assertThat(check(plan(DOWN, "5.3.0", true), "target-version").message()).contains("--pin-digest needs the digest");
    }

    @Test
    void aLowerPatchLevelIsSaidNotSilent() {
        CheckResult c = check(plan(enterprise("5.3.4"), "5.3.0"), "target-version");
        assertThat(c.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(c.message()).contains("5.3.0 is a lower patch level than the running 5.3.4");
    }

    @Test
    void aLowerPatchLevelTheToolChoseIsNamedForTheConfirmationOneTheUserNamedIsNot() {
        localImages("seatable/seatable-developer:5.3.0");
        assertThat(plan(enterprise("5.3.4"), null).patchDowngrade()).hasValue("This lowers the patch level from 5.3.4 to 5.3.0"
                + " (the newest Developer Edition of 5.3; the editions number their patches separately).");
        assertThat(plan(enterprise("5.3.4"), "latest").patchDowngrade()).isPresent();
        assertThat(plan(enterprise("5.3.4"), "5.3.0").patchDowngrade()).isEmpty();
        assertThat(plan(enterprise("5.3.0"), null).patchDowngrade()).isEmpty();
    }

    @Test
    void refusesAnotherMinorVersion() {
        MigrationPlan p = plan(enterprise("5.3.4"), "5.4.0");
        assertThat(p.refused()).isTrue();
        assertThat(p.steps()).isEmpty();
        assertThat(check(p, "target-version").message()).contains("5.4.0 is not 5.3.x");
    }

    @Test
    void pullsAnExplicitVersionThatIsNotLocal() {
        MigrationPlan p = plan(enterprise("5.3.4"), "5.3.0");
        assertThat(p.refused()).isFalse();
        assertThat(p.steps().get(0).changes()).containsExactly(new EngineChange.PullImage(ImageRef.parse("seatable/seatable-developer:5.3.0").orElseThrow()));
    }

    @Test
    void latestMeansTheNewestReleaseTag() {
        assertThat(check(plan(enterprise("5.3.4"), "latest"), "target-version").message()).contains("no 5.3.x release");
        ImageInfo both = new ImageInfo("sha256:9", List.of("seatable/seatable-developer:latest", "seatable/seatable-developer:5.3.0"));
        when(host.images("seatable/seatable-developer")).thenReturn(List.of(both));
        when(host.image("seatable/seatable-developer:5.3.0")).thenReturn(Optional.of(both));
        assertThat(plan(enterprise("5.3.4"), "latest").target().orElseThrow().image().toString()).isEqualTo("seatable/seatable-developer:5.3.0");
    }

    @Test
    void aFloatingTagIsIdentifiedByWhatRunsAndReplacedByAnExplicitVersion() {
        localImages("seatable/seatable-developer:5.3.0");
        MigrationPlan p = plan(enterprise("5.3.4", "seatable/seatable-enterprise:latest"), null);
        assertThat(check(p, "image-setting").message()).isEqualTo("SEATABLE_IMAGE in .env decides the image (now"
                + " seatable/seatable-enterprise:latest, a floating tag: it runs image sha256:1, which says it is 5.3.4); the switch writes"
                + " an explicit version, and a rollback restores the floating tag");
        assertThat(p.target().orElseThrow().image()).hasToString("seatable/seatable-developer:5.3.0");
    }

    @Test
    void sameEditionIsNothingToDo() {
        var req = MigrationRequest.builder(DIR, Edition.ENTERPRISE).backupRoot(Path.of("/backup")).healthTimeout(Duration.ofMinutes(5))
                .build();
        assertThat(new Planner(host, CLOCK).plan(enterprise("5.3.4"), req).nothingToDo()).isTrue();
    }

    @Test
    void anExactVersionOfTheRunningEditionIsRefusedAsAnUpgradeNeverDropped() {
        for (String version : List.of("5.3.0", "5.3.9", "5.4.2")) {
            var req = MigrationRequest.builder(DIR, Edition.ENTERPRISE).version(Optional.of(version)).backupRoot(Path.of("/backup"))
                    .healthTimeout(Duration.ofMinutes(5)).build();
            MigrationPlan p = new Planner(host, CLOCK).plan(enterprise("5.3.4"), req);
            assertThat(p.nothingToDo()).as(version).isFalse();
            assertThat(p.refused()).as(version).isTrue();
            assertThat(check(p, "target-version").message()).contains("--version " + version)
                    .contains("changing the patch level within one edition is an upgrade, not an edition switch");
        }
        for (String same : List.of("5.3.4", "latest")) {
            var req = MigrationRequest.builder(DIR, Edition.ENTERPRISE).version(Optional.of(same)).backupRoot(Path.of("/backup"))
                    .healthTimeout(Duration.ofMinutes(5)).build();
            assertThat(new Planner(host, CLOCK).plan(enterprise("5.3.4"), req).nothingToDo()).as(same).isTrue();
        }
    }

    @Test
    void refusesWhenTheBackupDoesNotFit() {
        localImages("seatable/seatable-developer:5.3.0");
        when(host.usableSpace(any())).thenReturn(1024L);
        assertThat(check(plan(enterprise("5.3.4"), null), "disk-space").failed()).isTrue();
    }

    @Test
    void aBackupRootEveryUserMayWriteToIsRefusedEvenWithTheStickyBitAndSoIsItsGuard() throws Exception {
        localImages("seatable/seatable-developer:5.3.0");
        for (int mode : new int[] {01777, 0777, 0775}) {
            when(host.stat(Path.of("/backup"))).thenReturn(Optional.of(new FileStat(FileStat.Type.DIRECTORY, 0, mode, 0)));
            CheckResult c = check(plan(enterprise("5.3.4"), null), "backup-root");
            assertThat(c.failed()).as(Integer.toOctalString(mode) + ": " + c.message()).isTrue();
            assertThat(c.message()).contains("/backup").contains("writable by").contains(Integer.toOctalString(mode));
        }
        when(host.stat(Path.of("/backup"))).thenReturn(Optional.of(new FileStat(FileStat.Type.DIRECTORY, 0, 0755, 0)));
        assertThat(check(plan(enterprise("5.3.4"), null), "backup-root").failed()).isFalse();

        // The script's guard for the same fact, on a real folder that became shared after the plan was made.
        java.nio.file.Path shared = java.nio.file.Files.createTempDirectory("shared-backup-root");
        try {
            var req = MigrationRequest.builder(DIR, Edition.DEVELOPER).backupRoot(shared).healthTimeout(Duration.ofMinutes(5)).build();
            when(host.stat(shared)).thenReturn(Optional.of(new FileStat(FileStat.Type.DIRECTORY, 0, 0700, 0)));
            String guard = check(new Planner(host, CLOCK).plan(enterprise("5.3.4"), req), "backup-root").shellGuard().orElseThrow();
            assertThat(bash(guard)).as("a folder only we may write to").isZero();
            java.nio.file.Files.setAttribute(shared, "unix:mode", 01777);
            assertThat(bash(guard)).as("sticky and world-writable").isNotZero();
        } finally {
            java.nio.file.Files.delete(shared);
        }
    }

    private static int bash(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}

package seatablemigrate.core.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.model.ActiveUsers;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.EngineAnswer;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.License;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.ServerInfo;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.RegistrySettings;

/** Observed installations for unit tests: a healthy 4.3+ layout running one edition, as the inspector reports it. */
public final class Installations {
    public static final String LICENSE = "#SeaTable server licence\nExpiration = \"2099-01-01\"\n";
    /** The content of the fixtures' one compose file, {@code seatable-server.yml}. */
    public static final String COMPOSE_FILE = "services: {}\n";
    /** SeaTable's configuration folder on the fake host: {@code seatable/conf} in the folder its container mounts at {@code /shared}. */
    public static final Path SEATABLE_CONF = FakeProject.STAMP.getParent();
    /** The stamp of the release the databases were migrated to, in {@link #SEATABLE_CONF}. */
    public static final Path STAMP = FakeProject.STAMP;
    /** A settings file of {@link #SEATABLE_CONF} on the fake host, and its content. */
    public static final Path SETTINGS = SEATABLE_CONF.resolve("dtable_web_settings.py");
    public static final String SETTINGS_CONTENT = "# -*- coding: utf-8 -*-\nSECRET_KEY = 'not-a-real-key'\nENABLE_PYTHON_SCRIPT = True\n";
    /** The active accounts the fixtures' database counts against a license (SeaTable's free license covers 3). */
    public static final int USERS = 2;

    private Installations() {}

    /** The version each edition runs in these fixtures (patch numbers differ per edition, as they do for real). */
    public static String version(Edition edition) {
        return edition == Edition.ENTERPRISE ? "5.3.4" : "5.3.0";
    }

    public static String image(Edition edition) {
        return "seatable/seatable-" + edition.id() + ":" + version(edition);
    }

    public static String env(Edition edition) {
        return "COMPOSE_FILE='seatable-server.yml'\nSEATABLE_IMAGE='" + image(edition) + "'\n";
    }

    /** A healthy installation in {@code dir}; with the Enterprise Edition its license file is in place. */
    public static Installation running(Edition edition, Path dir) {
        String image = image(edition);
        EnvFile env = EnvFile.parse(env(edition).getBytes(StandardCharsets.UTF_8));
        ContainerState seatable = new ContainerState("seatable-server", image, "sha256:1", "running", ContainerState.Health.HEALTHY,
                Map.of(ContainerState.LABEL_SERVICE, "seatable-server"), Map.of(), "c1", ContainerState.startedAt("2026-11-25T09:00:00Z"));
        ContainerState db = new ContainerState("mariadb", "mariadb:10.11", "sha256:2", "running", ContainerState.Health.HEALTHY,
                Map.of(ContainerState.LABEL_SERVICE, "mariadb"), Map.of(), "c2", ContainerState.startedAt("2026-11-25T08:00:00Z"));
        SeaTableVersion v = SeaTableVersion.parse(version(edition)).orElseThrow();
        LicenseState license = edition == Edition.ENTERPRISE
                ? new LicenseState(dir.resolve(Installation.LICENSE_FILE), LicenseState.Kind.FILE,
                        Optional.of(License.parse(LICENSE.getBytes(StandardCharsets.UTF_8))), Optional.empty())
                : LicenseState.missing(dir.resolve(Installation.LICENSE_FILE));
        return new Installation(dir, EngineAnswer.answered("20.10"), Optional.of(ComposeCli.PLUGIN), Optional.of(env), 0600,
                List.of(dir.resolve("seatable-server.yml")), Map.of(dir.resolve("seatable-server.yml"), Sha256.of(COMPOSE_FILE.getBytes(StandardCharsets.UTF_8))),
                Optional.of("seatable-server"), ImageRef.parse(image), Optional.of(true),
                List.of(db, seatable), Optional.of(seatable), Optional.of(new ServerInfo(v, edition)), Optional.of(v), license,
                List.of(), Optional.of(true), Optional.of(new DatabaseInfo(db, List.of("ccnet_db", "dtable_db", "seafile_db"), 1000, Optional.of("mariadb-dump"),
                        Optional.empty(), ActiveUsers.counted(USERS))),
                new Installation.DecidedState(Optional.of(edition), Optional.of(v), List.of(), List.of()), List.of());
    }

    /** The same installation with {@code database} observed instead. */
    public static Installation withDatabase(Installation i, DatabaseInfo database) {
        return new Installation(i.composeDir(), i.engine(), i.composeCli(), i.env(), i.envMode(), i.composeFiles(), i.composeFileSums(),
                i.seatableService(), i.configuredImage(), i.imageFollowsEnv(), i.containers(), i.seatable(), i.serverInfo(), i.recordedVersion(),
                i.license(), i.strayLicenseDirs(), i.licenseMounted(), Optional.of(database), i.state(), i.problems());
    }

    /**
     * The installation as the offline inspection makes it from a copy: no container, no answers, SeaTable's data folder
     * {@code shared} from the compose files' {@code /shared} bind mount.
     */
    public static Installation offline(Installation i, Path shared) {
        return new Installation(i.composeDir(), i.engine(), i.composeCli(), i.env(), i.envMode(), i.composeFiles(), i.composeFileSums(),
                i.seatableService(), i.configuredImage(), i.imageFollowsEnv(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                i.license(), i.strayLicenseDirs(), i.licenseMounted(), i.database(), i.state(), i.problems(), Optional.of(shared));
    }

    /** The same installation with its database's active accounts {@code users}. */
    public static Installation withUsers(Installation i, ActiveUsers users) {
        DatabaseInfo d = i.database().orElseThrow();
        return withDatabase(i, new DatabaseInfo(d.container(), d.databases(), d.sizeBytes(), d.dumpTool(), d.problem(), users));
    }

    /** The same installation with SeaTable's container gone (stopped by a run that was then cut off). */
    public static Installation stopped(Edition edition, Path dir) {
        Installation i = running(edition, dir);
        return new Installation(dir, i.engine(), i.composeCli(), i.env(), 0600, i.composeFiles(), i.composeFileSums(), i.seatableService(), i.configuredImage(),
                Optional.of(true), i.containers().stream().filter(c -> !c.name().equals("seatable-server")).toList(), Optional.empty(), Optional.empty(),
                i.recordedVersion(), i.license(), List.of(), Optional.of(true), i.database(),
                new Installation.DecidedState(Optional.of(edition), i.state().version(), List.of(), List.of()), List.of());
    }

    /**
     * A fake host holding that installation's files, started (so SeaTable stamped its release in {@link #STAMP}), with a
     * settings file in its configuration folder.
     */
    public static FakeHost host(Edition edition, Path dir) {
        FakeHost host = new FakeHost(dir).file(dir.resolve(Installation.ENV_FILE), env(edition))
                .file(dir.resolve("seatable-server.yml"), COMPOSE_FILE)
                .file(SETTINGS, SETTINGS_CONTENT.getBytes(StandardCharsets.UTF_8), 0644);
        if (edition == Edition.ENTERPRISE) {
            host.file(dir.resolve(Installation.LICENSE_FILE), LICENSE);
        }
        return host.started();
    }

    /**
     * A registry whose Enterprise Edition's repository lists {@code tags}, each with a manifest for every platform; the
     * Developer Edition's lists none.
     */
    public static ImageCatalog.Factory enterpriseRegistry(String... tags) {
        return (settings, fromHost) -> new ImageCatalog() {
            @Override
            public Listing tags(ImageRef repository) {
                return new Listing(repository.path().endsWith("enterprise") ? List.of(tags) : List.of(), "registry.test", Optional.empty());
            }

            @Override
            public Lookup manifest(ImageRef image, String platform) {
                boolean exists = image.path().endsWith("enterprise") && List.of(tags).contains(image.tag().orElse(""));
                return new Lookup(exists ? Lookup.Kind.EXISTS : Lookup.Kind.MISSING, platform, exists ? Optional.of("sha256:" + "cd".repeat(32))
                        : Optional.empty(), List.of(), "registry.test", Optional.empty(), false);
            }
        };
    }

    /**
     * A mocked host the planner can plan on without a Docker engine: 10 GiB free, no local images, loopback registries
     * insecure, and Compose's dry-run (the plan's preview) saying that only SeaTable's container would change. Tests
     * stub what else they need on it.
     */
    public static HostBackend plannableHost() {
        HostBackend host = mock(HostBackend.class);
        when(host.usableSpace(any())).thenReturn(10L << 30);
        when(host.images(anyString())).thenReturn(List.of());
        when(host.image(anyString())).thenReturn(Optional.empty());
        when(host.describe()).thenReturn("test host");
        when(host.registrySettings()).thenReturn(new RegistrySettings("linux", "amd64", List.of(), List.of("127.0.0.0/8")));
        when(host.composeQuery(any(), any(), any(), any(), any())).thenReturn(ExecResult.of(0, "",
                " DRY-RUN MODE -  Container mariadb  Running\n DRY-RUN MODE -  Container seatable-server  Recreate\n"));
        return host;
    }
}

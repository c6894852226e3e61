package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.ForwardingHostBackend;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/**
 * {@code status} asks its independent questions at once: Compose's configuration, {@code /server-info/},
 * {@code current_version.txt}, the database list, the engine's images and the registry's tags of both editions are all
 * in flight together (a host that holds each question until every one of them has arrived answers them all), and a
 * registry that does not answer costs {@code status} its short deadline, not the registry's own limits.
 */
@Isolated // measures time against deadlines: alone, whatever else the parallel unit tests run
class StatusQuestionsTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path BACKUPS = Path.of("/opt/seatable-backup");
    /** Where SeaTable keeps a license in the folder its container mounts at {@code /shared} (the fake host's data folder). */
    private static final Path LICENSE_IN_DATA = Installations.SEATABLE_CONF.getParent().resolve(Installation.LICENSE_FILE);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    /** How long a held question waits for the others before it is answered anyway, marked late. */
    private static final long MEETING_SECONDS = 5;

    /** Holds each question until every expected one has arrived; a question that waited in vain is late. */
    private static final class Meeting {
        private final Set<String> expected;
        private final Set<String> arrived = ConcurrentHashMap.newKeySet();
        private final Set<String> late = ConcurrentHashMap.newKeySet();
        private final CountDownLatch all;

        Meeting(Set<String> expected) {
            this.expected = expected;
            this.all = new CountDownLatch(expected.size());
        }

        void arrive(String question) {
            if (!expected.contains(question)) {
                return;
            }
            if (arrived.add(question)) {
                all.countDown();
            }
            try {
                if (!all.await(MEETING_SECONDS, TimeUnit.SECONDS)) {
                    late.add(question);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                late.add(question);
            }
        }
    }

    /** The fake host, with each of status's questions to the host held at the meeting. */
    private static final class HeldHost extends ForwardingHostBackend {
        private final Meeting meeting;

        HeldHost(HostBackend host, Meeting meeting) {
            super(host);
            this.meeting = meeting;
        }

        @Override
        public ExecResult composeQuery(ComposeCli cli, Path projectDir, Map<String, String> extraEnv, List<String> args, Duration timeout) {
            if (args.contains("config")) {
                meeting.arrive("compose config");
            }
            return super.composeQuery(cli, projectDir, extraEnv, args, timeout);
        }

        @Override
        public ExecResult exec(String container, List<String> command, Duration timeout) {
            String line = String.join(" ", command);
            meeting.arrive(container.equals("mariadb") ? "database list" : line.contains("/server-info/") ? "server-info"
                    : line.contains("current_version.txt") ? "current_version.txt" : line);
            return super.exec(container, command, timeout);
        }

        @Override
        public List<ImageInfo> images(String repository) {
            meeting.arrive("images " + repository);
            return super.images(repository);
        }

        @Override
        public Optional<FileStat> stat(Path path) {
            if (path.equals(DIR.resolve(Installation.ENV_FILE))) {
                meeting.arrive("mode of .env");
            } else if (path.equals(DIR.resolve(Installation.LICENSE_FILE))) {
                meeting.arrive("license");
            } else if (path.equals(LICENSE_IN_DATA)) {
                meeting.arrive("license in the data folder");
            }
            return super.stat(path);
        }

        @Override
        public Optional<Sha256> sha256(Path path) {
            meeting.arrive("checksum " + path.getFileName());
            return super.sha256(path);
        }

        @Override
        public List<Path> list(Path dir) {
            meeting.arrive("runs in " + dir);
            return super.list(dir);
        }
    }

    /** A registry that lists these tags for every repository, after the meeting; who answered is the repository's registry. */
    private static ImageCatalog.Factory registry(Meeting meeting, Set<String> asked, CountDownLatch answer) {
        return (settings, fromHost) -> new ImageCatalog() {
            @Override
            public Listing tags(ImageRef repository) {
                asked.add(repository.repository());
                meeting.arrive("tags " + repository.repository());
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Listing(List.of("5.3.0", "5.3.4", "5.3.5", "5.4.1", "latest"), repository.registry().orElse("docker.io"), Optional.empty());
            }

            @Override
            public Lookup manifest(ImageRef image, String platform) {
                return Lookup.notAsked(false);
            }
        };
    }

    private static Workflow workflow(HostBackend host, ImageCatalog.Factory registry) {
        return new Workflow(host, RunMode.LIVE, CLOCK, new Interruption(), registry);
    }

    @Test
    void everyQuestionIsInFlightAtOnceAndTheAnswersAreThoseAskedOneAfterAnother() {
        Set<String> questions = Set.of("compose config", "server-info", "current_version.txt", "database list",
                "images seatable/seatable-enterprise", "images seatable/seatable-developer",
                "tags seatable/seatable-enterprise", "tags seatable/seatable-developer",
                "mode of .env", "checksum seatable-server.yml", "license", "license in the data folder", "runs in " + BACKUPS);
        Meeting meeting = new Meeting(questions);
        FakeHost fake = Installations.host(Edition.ENTERPRISE, DIR); // started: its image is a local one
        Set<String> asked = ConcurrentHashMap.newKeySet();

        long start = System.nanoTime();
        Status status = workflow(new HeldHost(fake, meeting), registry(meeting, asked, new CountDownLatch(0))).status(DIR, ComposePreference.PLUGIN, BACKUPS);
        List<String> releases = status.releases();
        List<Journal.Unfinished> unfinished = status.unfinishedRuns();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(meeting.arrived).containsExactlyInAnyOrderElementsOf(questions);
        assertThat(meeting.late).as("questions that waited in vain for the others: asked one after another").isEmpty();
        assertThat(millis).isLessThan(TimeUnit.SECONDS.toMillis(MEETING_SECONDS));
        Installation i = status.installation();
        Installation expected = Installations.running(Edition.ENTERPRISE, DIR);
        // The inspection as the fixture describes it (files, license, configuration, answers, decision), but for the probe
        // of the image setting, which status does not ask, and the containers' details (and the data folder their mounts name),
        // which the fixture leaves out.
        assertThat(i).usingRecursiveComparison().ignoringFields("imageFollowsEnv", "containers", "seatable", "sharedFolder", "database", "state.evidence").isEqualTo(expected);
        assertThat(i.state().evidence()).containsExactly("Compose configuration: seatable/seatable-enterprise:5.3.4",
                "container seatable-server: seatable/seatable-enterprise:5.3.4 (healthy)", "/server-info/: enterprise 5.3.4",
                "current_version.txt: 5.3.4");
        assertThat(i.imageFollowsEnv()).isEmpty();
        assertThat(unfinished).isEmpty();
        assertThat(i.problems()).isEmpty();
        assertThat(i.state().edition()).contains(Edition.ENTERPRISE);
        assertThat(i.database().orElseThrow().databases()).isNotEmpty();
        // In the editions' order, each as the planner describes it.
        assertThat(releases).containsExactly(
                "Enterprise Edition 5.3.x: tags [5.3.5, 5.3.4, 5.3.0] in docker.io; local images: [5.3.4]",
                "Upgrade: 5.3.5 is the newest release the upgrade path allows from 5.3.4 (plan it with 'plan --upgrade'); newer, not allowed: [5.4.1]",
                "Developer Edition 5.3.x: tags [5.3.5, 5.3.4, 5.3.0] in docker.io; local images: none");
        assertThat(asked).containsExactlyInAnyOrder("seatable/seatable-enterprise", "seatable/seatable-developer");
    }

    @Test
    void aRegistryThatDoesNotAnswerCostsStatusItsDeadlineOnly() {
        FakeHost fake = Installations.host(Edition.ENTERPRISE, DIR);
        CountDownLatch never = new CountDownLatch(1);
        try {
            long start = System.nanoTime();
            Status status = workflow(fake, registry(new Meeting(Set.of()), ConcurrentHashMap.newKeySet(), never)).status(DIR, ComposePreference.PLUGIN, BACKUPS);
            List<String> releases = status.releases();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(releases).containsExactly(
                    "Enterprise Edition 5.3.x: Docker Hub: no answer within 2 s (" + ReleaseQuestions.LATE + "); local images: [5.3.4]",
                    "Upgrade: no release newer than 5.3.4 is known (Docker Hub: no answer within 2 s (" + ReleaseQuestions.LATE + "); local images: none)",
                    "Developer Edition 5.3.x: Docker Hub: no answer within 2 s (" + ReleaseQuestions.LATE + "); local images: none");
            assertThat(millis).isLessThan(Workflow.STATUS_REGISTRY_DEADLINE.toMillis() + 3000);
            assertThat(status.installation().state().edition()).contains(Edition.ENTERPRISE);
        } finally {
            never.countDown();
        }
    }

    /** The running container's registry is asked early; Compose's configuration names another, which is asked and shown. */
    @Test
    void theConfiguredImagesRegistryHasTheLastWord() {
        FakeHost fake = Installations.host(Edition.ENTERPRISE, DIR);
        String configured = "registry.example.com:5000/seatable/seatable-enterprise:5.3.4";
        fake.file(DIR.resolve(Installation.ENV_FILE), "COMPOSE_FILE='seatable-server.yml'\nSEATABLE_IMAGE='" + configured + "'\n");
        Set<String> asked = ConcurrentHashMap.newKeySet();

        Status status = workflow(fake, registry(new Meeting(Set.of()), asked, new CountDownLatch(0))).status(DIR, ComposePreference.PLUGIN, BACKUPS);

        assertThat(status.installation().configuredImage().map(Object::toString)).contains(configured);
        assertThat(status.releases()).containsExactly(
                "Enterprise Edition 5.3.x: tags [5.3.5, 5.3.4, 5.3.0] in registry.example.com:5000; local images: none",
                "Upgrade: 5.3.5 is the newest release the upgrade path allows from 5.3.4 (plan it with 'plan --upgrade'); newer, not allowed: [5.4.1]",
                "Developer Edition 5.3.x: tags [5.3.5, 5.3.4, 5.3.0] in registry.example.com:5000; local images: none");
        assertThat(asked).contains("registry.example.com:5000/seatable/seatable-enterprise", "registry.example.com:5000/seatable/seatable-developer");
    }
    /**
     * The license is asked at its usual place before Compose's configuration names it; a configuration that mounts
     * another one is asked there, and what the usual place holds is not taken (a stray directory there is not listed).
     */
    @Test
    void aLicenseMountedElsewhereIsTheOneObservedAndStrayDirectoriesAreListedInOrder() {
        Path mounted = Path.of("/srv/licenses/seatable-license.txt");
        FakeHost fake = new FakeHost(DIR).file(DIR.resolve(Installation.ENV_FILE), Installations.env(Edition.ENTERPRISE))
                .file(DIR.resolve("seatable-server.yml"), Installations.COMPOSE_FILE).file(mounted, Installations.LICENSE)
                .file(DIR.resolve(Installation.LICENSE_FILE).resolve("made-by-old-compose"), "")
                .file(LICENSE_IN_DATA.resolve("made-by-old-compose"), "").started();
        HostBackend host = new ForwardingHostBackend(fake) {
            @Override
            public ExecResult composeQuery(ComposeCli cli, Path projectDir, Map<String, String> extraEnv, List<String> args, Duration timeout) {
                ExecResult r = super.composeQuery(cli, projectDir, extraEnv, args, timeout);
                return ExecResult.of(r.exitCode().orElseThrow(), r.stdout().replace(DIR.resolve(Installation.LICENSE_FILE).toString(), mounted.toString()), r.stderr());
            }
        };

        Installation i = workflow(host, Installations.enterpriseRegistry()).status(DIR, ComposePreference.PLUGIN, BACKUPS).installation();

        assertThat(i.license().path()).isEqualTo(mounted);
        assertThat(i.license().kind()).isEqualTo(LicenseState.Kind.FILE);
        assertThat(i.license().license()).isPresent();
        assertThat(i.strayLicenseDirs()).containsExactly(LICENSE_IN_DATA);
    }

    /** The compose files' checksums are asked at once, and the problems name the missing ones in COMPOSE_FILE's order. */
    @Test
    void missingComposeFilesAreNamedInTheirOrder() {
        FakeHost fake = Installations.host(Edition.ENTERPRISE, DIR);
        fake.file(DIR.resolve(Installation.ENV_FILE), "COMPOSE_FILE='seatable-server.yml:z-extra.yml:a-extra.yml'\nSEATABLE_IMAGE='"
                + Installations.image(Edition.ENTERPRISE) + "'\n");

        Installation i = workflow(fake, Installations.enterpriseRegistry()).status(DIR, ComposePreference.PLUGIN, BACKUPS).installation();

        assertThat(i.composeFileSums()).containsOnlyKeys(DIR.resolve("seatable-server.yml"));
        assertThat(i.problems()).containsExactly("compose file " + DIR.resolve("z-extra.yml") + " named in COMPOSE_FILE does not exist",
                "compose file " + DIR.resolve("a-extra.yml") + " named in COMPOSE_FILE does not exist");
    }

    /** A host that cannot answer one question: the same exception, unwrapped, as when the questions were asked one after another. */
    private static HostBackend failing(FakeHost fake, Path failingPath, String failingList) {
        return new ForwardingHostBackend(fake) {
            @Override
            public Optional<FileStat> stat(Path path) {
                if (path.equals(failingPath)) {
                    throw new HostUnavailableException("stat of " + path + " failed on the test host");
                }
                return super.stat(path);
            }

            @Override
            public Optional<Sha256> sha256(Path path) {
                if (path.equals(failingPath)) {
                    throw new HostUnavailableException("checksumming " + path + " failed on the test host");
                }
                return super.sha256(path);
            }

            @Override
            public List<Path> list(Path dir) {
                if (dir.toString().equals(failingList)) {
                    throw new HostUnavailableException("listing " + dir + " failed on the test host");
                }
                return super.list(dir);
            }
        };
    }

    @Test
    void aQuestionThatFailsFailsStatusWithItsOwnException() {
        for (Path path : List.of(DIR.resolve(Installation.ENV_FILE), DIR.resolve("seatable-server.yml"), DIR.resolve(Installation.LICENSE_FILE),
                LICENSE_IN_DATA)) {
            HostBackend host = failing(Installations.host(Edition.ENTERPRISE, DIR), path, "");
            assertThatThrownBy(() -> workflow(host, Installations.enterpriseRegistry()).status(DIR, ComposePreference.PLUGIN, BACKUPS))
                    .as(path.toString()).isExactlyInstanceOf(HostUnavailableException.class).hasMessageContaining(path + " failed on the test host");
        }
    }

    /** The unfinished runs are asked beside the inspection, and a failure to list them fails where they are taken, as before. */
    @Test
    void unfinishedRunsThatCannotBeListedFailWhereTheyAreTaken() {
        HostBackend host = failing(Installations.host(Edition.ENTERPRISE, DIR), Path.of("/nowhere"), BACKUPS.toString());

        Status status = workflow(host, Installations.enterpriseRegistry()).status(DIR, ComposePreference.PLUGIN, BACKUPS);

        assertThat(status.installation().problems()).isEmpty();
        assertThat(status.releases()).isNotEmpty();
        assertThatThrownBy(status::unfinishedRuns).isExactlyInstanceOf(HostUnavailableException.class)
                .hasMessage("listing " + BACKUPS + " failed on the test host");
    }
}

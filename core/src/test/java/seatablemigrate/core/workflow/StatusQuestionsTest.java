package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

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
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.ExecResult;
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
class StatusQuestionsTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
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
                "tags seatable/seatable-enterprise", "tags seatable/seatable-developer");
        Meeting meeting = new Meeting(questions);
        FakeHost fake = Installations.host(Edition.ENTERPRISE, DIR); // started: its image is a local one
        Set<String> asked = ConcurrentHashMap.newKeySet();

        long start = System.nanoTime();
        Status status = workflow(new HeldHost(fake, meeting), registry(meeting, asked, new CountDownLatch(0))).status(DIR, ComposePreference.PLUGIN);
        List<String> releases = status.releases();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(meeting.arrived).containsExactlyInAnyOrderElementsOf(questions);
        assertThat(meeting.late).as("questions that waited in vain for the others: asked one after another").isEmpty();
        assertThat(millis).isLessThan(TimeUnit.SECONDS.toMillis(MEETING_SECONDS));
        Installation i = status.installation();
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
            Status status = workflow(fake, registry(new Meeting(Set.of()), ConcurrentHashMap.newKeySet(), never)).status(DIR, ComposePreference.PLUGIN);
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

        Status status = workflow(fake, registry(new Meeting(Set.of()), asked, new CountDownLatch(0))).status(DIR, ComposePreference.PLUGIN);

        assertThat(status.installation().configuredImage().map(Object::toString)).contains(configured);
        assertThat(status.releases()).containsExactly(
                "Enterprise Edition 5.3.x: tags [5.3.5, 5.3.4, 5.3.0] in registry.example.com:5000; local images: none",
                "Upgrade: 5.3.5 is the newest release the upgrade path allows from 5.3.4 (plan it with 'plan --upgrade'); newer, not allowed: [5.4.1]",
                "Developer Edition 5.3.x: tags [5.3.5, 5.3.4, 5.3.0] in registry.example.com:5000; local images: none");
        assertThat(asked).contains("registry.example.com:5000/seatable/seatable-enterprise", "registry.example.com:5000/seatable/seatable-developer");
    }
}

package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.PlanFile;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.run.Runner;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.HostIdentity;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/**
 * {@code migrate --plan}: a plan made on one host is refused on another before anything (the lock included), a plan
 * file without the host it was made for is refused, and the digest of the file that was carried out is in the run's log.
 */
class ReviewedPlanTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path ROOT = Path.of("/opt/seatable-backup");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    private static FakeHost host() {
        // The target image is there already, as after a pull ahead of the change window: no registry is asked.
        return Installations.host(Edition.ENTERPRISE, DIR).image("sha256:developer", Installations.image(Edition.DEVELOPER));
    }

    private static byte[] reviewedOn(FakeHost host) {
        MigrationRequest req = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of("5.3.0")).backupRoot(ROOT).build();
        MigrationPlan plan = new Workflow(host, CLOCK, new Interruption()).plan(req);
        assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
        return PlanFile.of(plan, host, "test").bytes();
    }

    @Test
    void aPlanMadeForOneHostIsRefusedOnAnotherAndNothingIsChanged() {
        FakeHost reviewed = host();
        PlanFile file = PlanFile.parse(reviewedOn(reviewed), Path.of("plan.json"));
        HostIdentity elsewhere = HostIdentity.local("fedcba9876543210fedcba9876543210").orElseThrow();
        FakeHost other = host().identity(elsewhere);

        Runner.Result r = new Workflow(other, CLOCK, new Interruption()).migrate(file.request(), p -> true, Reporter.NONE);

        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.message()).contains("the plan was made for " + reviewed.identity()).contains("this host is " + elsewhere)
                .contains("nothing was changed");
        assertThat(other.applied()).as("nothing applied, no lock taken").isEmpty();
        // The same plan on the host it was made for is carried out.
        assertThat(new Workflow(reviewed, CLOCK, new Interruption()).migrate(file.request(), p -> true, Reporter.NONE).outcome())
                .isEqualTo(Outcome.DONE);
    }

    @Test
    void overSshTheTargetAndTheHostKeyBothCount() {
        HostIdentity made = HostIdentity.ssh("admin", "db1.example", 22, "ssh-ed25519 SHA256:abc");
        FakeHost reviewed = host().identity(made);
        PlanFile file = PlanFile.parse(reviewedOn(reviewed), Path.of("plan.json"));
        for (HostIdentity now : java.util.List.of(HostIdentity.ssh("admin", "db1.example", 22, "ssh-ed25519 SHA256:other"),
                HostIdentity.ssh("admin", "db2.example", 22, "ssh-ed25519 SHA256:abc"), HostIdentity.ssh("admin", "db1.example", 2222,
                        "ssh-ed25519 SHA256:abc"), HostIdentity.ssh("root", "db1.example", 22, "ssh-ed25519 SHA256:abc"))) {
            FakeHost other = host().identity(now);
            Runner.Result r = new Workflow(other, CLOCK, new Interruption()).migrate(file.request(), p -> true, Reporter.NONE);
            assertThat(r.outcome()).as(now.toString()).isEqualTo(Outcome.REFUSED);
            assertThat(r.message()).contains("admin@db1.example:22 (ssh-ed25519 SHA256:abc)").contains(now.toString());
            assertThat(other.applied()).isEmpty();
        }
    }

    @Test
    void aPlanFileThatDoesNotNameItsHostIsMadeAgain() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(reviewedOn(host()));
        old.remove("hostIdentity");
        old.put("planFormat", 1);
        assertThatThrownBy(() -> PlanFile.parse(json.writeValueAsBytes(old), Path.of("plan.json")))
                .isInstanceOf(UsageException.class).hasMessageContaining("plan.json was written by an older seatable-migrate")
                .hasMessageContaining("make the plan again");
        old.put("planFormat", PlanFile.FORMAT);
        assertThatThrownBy(() -> PlanFile.parse(json.writeValueAsBytes(old), Path.of("plan.json")))
                .isInstanceOf(UsageException.class).hasMessageContaining("make the plan again");
    }

    @Test
    void theDigestOfThePlanFileCarriedOutIsInTheRunsLog() {
        FakeHost host = host();
        byte[] bytes = reviewedOn(host);
        PlanFile file = PlanFile.parse(bytes, Path.of("plan.json"));
        assertThat(file.digest()).isEqualTo(Sha256.of(bytes));

        Runner.Result r = new Workflow(host, CLOCK, new Interruption()).migrate(file.request(), p -> true, Reporter.NONE);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        String log = new String(host.readFile(file.runDir().resolve(RunFolder.LOG)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(log).contains("check reviewed-plan pass: ").contains("plan file sha256 " + Sha256.of(bytes).hex());
    }

    @Test
    void aPlanThatPinsTheDigestIsFollowedWithTheDigestPinned() {
        FakeHost host = host();
        String digest = "sha256:" + "ab".repeat(32);
        seatablemigrate.core.registry.ImageCatalog.Factory registry = (settings, fromHost) -> new seatablemigrate.core.registry.ImageCatalog() {
            @Override
            public Listing tags(seatablemigrate.core.model.ImageRef repository) {
                return new Listing(java.util.List.of("5.3.0"), "registry.test", Optional.empty());
            }

            @Override
            public Lookup manifest(seatablemigrate.core.model.ImageRef image, String platform) {
                return new Lookup(Lookup.Kind.EXISTS, platform, Optional.of(digest), java.util.List.of(), "registry.test", Optional.empty(), false);
            }
        };
        Workflow workflow = new Workflow(host, seatablemigrate.core.run.RunMode.LIVE, CLOCK, new Interruption(), registry);
        MigrationPlan pinned = workflow.plan(MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of("5.3.0")).backupRoot(ROOT)
                .pinDigest(true).build());
        PlanFile file = PlanFile.parse(PlanFile.of(pinned, host, "test").bytes(), Path.of("plan.json"));

        assertThat(file.request().pinDigest()).isTrue();
        assertThat(file.drift(workflow.plan(file.request()), host)).as("the same plan again, digest and all").isEmpty();
    }
}

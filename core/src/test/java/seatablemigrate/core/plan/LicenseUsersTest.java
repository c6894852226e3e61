package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;
import seatablemigrate.core.workflow.Workflow;

/**
 * Before Developer to Enterprise, the accounts SeaTable counts against the license (active rows of ccnet_db.EmailUser)
 * are compared with its MaxUsers: too many fail, within 10% warn, an unreadable count is deferred with its reason and
 * never shows what the host wrote. The same check runs in doctor; its guard counts again on the host, under bash.
 */
class LicenseUsersTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path OFFERED = Path.of("/root/seatable-license.txt");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    private static String license(int maxUsers) {
        return "#SeaTable server licence\nName = \"ACME\"\nExpiration = \"2099-01-01\"\nMaxUsers = \"" + maxUsers + "\"\nMode = \"subscription\"\n";
    }

    /** The license-users check of a plan from the Developer Edition to the Enterprise Edition with a license for {@code maxUsers}. */
    private static CheckResult toEnterprise(FakeHost host, int maxUsers) {
        host.file(OFFERED, license(maxUsers));
        MigrationRequest request = MigrationRequest.builder(DIR, Edition.ENTERPRISE).version(Optional.of("5.3.4")).licenseFile(Optional.of(OFFERED))
                .backupRoot(Path.of("/opt/seatable-backup")).healthTimeout(Duration.ofSeconds(1)).build();
        MigrationPlan plan = new Workflow(host, CLOCK, new Interruption()).plan(request);
        return plan.checks().stream().filter(c -> c.name().equals("license-users")).findFirst().orElseThrow();
    }

    private static FakeHost developer(int users) {
        return Installations.host(Edition.DEVELOPER, DIR).activeUsers(users + "\n", 0);
    }

    @Test
    void aLicenseForFewerUsersThanAreActiveFailsAndOneNearItsLimitWarns() {
        CheckResult tooSmall = toEnterprise(developer(4), 3);
        assertThat(tooSmall.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(tooSmall.message()).isEqualTo("4 active accounts in ccnet_db.EmailUser and the license allows 3 (MaxUsers): 1 more than it"
                + " covers: SeaTable refuses accounts beyond its license; deactivate 1 account or give a license for at least 4 users with --license FILE");

        CheckResult full = toEnterprise(developer(3), 3);
        assertThat(full.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(full.message()).isEqualTo("3 active accounts in ccnet_db.EmailUser and the license allows 3 (MaxUsers): within 10% of its limit,"
                + " no account can be added");
        assertThat(toEnterprise(developer(90), 100).status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(toEnterprise(developer(90), 100).message()).endsWith("within 10% of its limit, 10 more can be added");

        CheckResult fits = toEnterprise(developer(89), 100);
        assertThat(fits.status()).isEqualTo(CheckResult.Status.PASS);
        assertThat(fits.message()).isEqualTo("89 active accounts in ccnet_db.EmailUser and the license allows 100 (MaxUsers)");
        assertThat(fits.shellGuard()).isPresent();
    }

    @Test
    void aCountMariaDbCannotGiveIsDeferredWithItsReasonAndRefusesNothing() {
        FakeHost noTable = Installations.host(Edition.DEVELOPER, DIR)
                .activeUsers("ERROR 1146 (42S02) at line 1: Table 'ccnet_db.EmailUser' doesn't exist\n", 1);
        CheckResult deferred = toEnterprise(noTable, 3);
        assertThat(deferred.status()).isEqualTo(CheckResult.Status.DEFERRED);
        assertThat(deferred.message()).isEqualTo("the active accounts cannot be counted (there is no table ccnet_db.EmailUser): SeaTable compares"
                + " them with the license itself");

        CheckResult noColumn = toEnterprise(Installations.host(Edition.DEVELOPER, DIR)
                .activeUsers("ERROR 1054 (42S22) at line 1: Unknown column 'is_active' in 'where clause'\n", 1), 3);
        assertThat(noColumn.message()).contains("(ccnet_db.EmailUser has no column is_active)");
    }

    /** Whatever MariaDB's container prints, a count is only one line of digits with status 0, and the host's text is never shown. */
    @Test
    void theHostsAnswerIsReadStrictly() {
        Random random = new Random(23);
        String alphabet = "0123456789 \t-+.eE\u001b[31m<>'\"\\ERROR 1146x";
        for (int i = 0; i < 300; i++) {
            StringBuilder answer = new StringBuilder();
            int lines = random.nextInt(4);
            for (int l = 0; l < lines; l++) {
                int len = random.nextInt(12);
                for (int k = 0; k < len; k++) {
                    answer.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                answer.append('\n');
            }
            int status = random.nextInt(3) == 0 ? 1 : 0;
            String text = answer.toString();
            CheckResult r = toEnterprise(Installations.host(Edition.DEVELOPER, DIR).activeUsers(text, status), 1_000_000_000);
            boolean count = status == 0 && text.matches("[0-9]{1,9}\n");
            assertThat(r.status()).as("answer %s, status %d: %s", text, status, r.message())
                    .isEqualTo(count ? CheckResult.Status.PASS : CheckResult.Status.DEFERRED);
            if (!count) {
                assertThat(r.message()).as(text).doesNotContain("\u001b").doesNotContain("<")
                        .matches("the active accounts cannot be counted \\((MariaDB's answer is not a count|MariaDB did not answer the count \\(exit"
                                + " status 1\\)|MariaDB refused the query \\(error \\d+\\)|there is no table ccnet_db.EmailUser)\\): SeaTable compares"
                                + " them with the license itself");
            }
        }
        assertThat(toEnterprise(developer(0), 3).message()).startsWith("0 active accounts");
        assertThat(toEnterprise(Installations.host(Edition.DEVELOPER, DIR).activeUsers("1234567890\n", 0), 3).status())
                .as("more digits than a count of accounts has").isEqualTo(CheckResult.Status.DEFERRED);
        assertThat(toEnterprise(Installations.host(Edition.DEVELOPER, DIR).activeUsers("2\n3\n", 0), 3).status()).isEqualTo(CheckResult.Status.DEFERRED);
    }

    @Test
    void doctorComparesTheLicenseInPlaceAndTheDeveloperEditionNeedsNone() {
        FakeHost enterprise = Installations.host(Edition.ENTERPRISE, DIR).activeUsers("7\n", 0)
                .file(DIR.resolve("seatable-license.txt"), license(5));
        List<CheckResult> checks = new Workflow(enterprise, CLOCK, new Interruption()).doctor(DIR, ComposePreference.AUTO, Path.of("/opt/seatable-backup"));
        CheckResult users = checks.stream().filter(c -> c.name().equals("license-users")).findFirst().orElseThrow();
        assertThat(users.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(users.message()).startsWith("7 active accounts in ccnet_db.EmailUser and the license allows 5 (MaxUsers): 2 more than it covers")
                .endsWith("deactivate 2 accounts or give a license for at least 7 users at " + DIR.resolve("seatable-license.txt"));

        List<CheckResult> developer = new Workflow(developer(12), CLOCK, new Interruption()).doctor(DIR, ComposePreference.AUTO, Path.of("/opt/seatable-backup"));
        assertThat(developer).filteredOn(c -> c.name().equals("license-users")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckResult.Status.PASS);
            assertThat(c.message()).isEqualTo("the Developer Edition has no user limit (12 active accounts in ccnet_db.EmailUser; an Enterprise"
                    + " license for them needs MaxUsers 12 or more)");
        });
    }

    /** The guard's shell form against the Java form: a docker stub prints MariaDB's count, the guard passes or says what it found. */
    @Test
    void theGuardCountsAgainOnTheHost(@TempDir Path tmp) throws Exception {
        String guard = toEnterprise(developer(2), 3).shellGuard().orElseThrow();
        assertThat(runGuard(tmp, guard, "3")).isEqualTo(new Guarded(0, ""));
        assertThat(runGuard(tmp, guard, "4")).isEqualTo(new Guarded(1, "expected at most 3 active accounts in ccnet_db.EmailUser (the license's"
                + " MaxUsers); found 4 active accounts in ccnet_db.EmailUser\n"));
        assertThat(runGuard(tmp, guard, "")).as("a count the host cannot give is left to SeaTable").isEqualTo(new Guarded(0, ""));
        assertThat(runGuard(tmp, guard, "4; rm -rf /")).isEqualTo(new Guarded(0, ""));
    }

    private record Guarded(int exit, String out) {}

    private static Guarded runGuard(Path tmp, String guard, String count) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path docker = bin.resolve("docker");
        // The stub checks that the count is asked in MariaDB's container, with the password read there, then answers.
        Files.writeString(docker, "#!/bin/sh\ncase \"$*\" in *'exec mariadb sh -c'*MYSQL_PWD*'is_active = 1'*) printf '%s\\n' \"$COUNT\" ;;"
                + " *) echo \"unexpected: $*\" >&2; exit 9 ;; esac\n");
        docker.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + guard).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("COUNT", count);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Guarded(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}

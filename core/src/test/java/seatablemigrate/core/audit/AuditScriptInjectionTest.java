package seatablemigrate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.plan.MigrationPlan;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.Planner;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.testing.Installations;

/**
 * Property: whatever paths and values a script is rendered from (control characters, quotes, {@code $()}, backticks,
 * backslashes, non-ASCII), bash running it in a stub environment executes nothing but the script's own commands.
 * Each generated value carries payloads that create a marker file if any of them ever runs.
 */
class AuditScriptInjectionTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    /** Commands an audit script calls; each is a stub that logs its call and succeeds. */
    private static final List<String> STUBS = List.of("docker", "docker-compose", "sha256sum", "awk", "tail", "head", "grep", "truncate",
            "chmod", "chown", "mv", "cp", "mkdir", "rm", "cat", "env", "date", "sleep", "dirname", "df", "flock", "sudo", "stat",
            "sync", "ln", "readlink", "test", "touch", "id", "wc", "tr", "sed", "find", "mktemp");
    private static final String[] PIECES = {"\n", "\r", "\r\n", "'", "\"", "$(", ")", "`", "\\", ";", " ", "#", "é", "\u2028", "\u202e",
            "\t", "\u001b[31m", "&", "|", "<", ">", "${X}", "*", "~", "!", "-", "--", "EOF", "SEATABLE_MIGRATE_EOF"};
    private static final String[] PAYLOADS = {"\n:>\"$PWNED\"\n#", "$(:>\"$PWNED\")", "`:>\"$PWNED\"`", "';:>\"$PWNED\";'",
            "\";:>\"$PWNED\";\"", "\\\n:>\"$PWNED\"\n", "\r\n:>\"$PWNED\"\r\n", "\nSEATABLE_MIGRATE_EOF\n:>\"$PWNED\"\n"};

    @TempDir
    Path tmp;

    @Test
    void hostileValuesNeverRunAsCommands() throws Exception {
        Path stubs = stubs();
        Random random = new Random(20261130);
        for (int run = 0; run < 40; run++) {
            Edition from = run % 2 == 0 ? Edition.ENTERPRISE : Edition.DEVELOPER;
            Path composeDir = Path.of("/srv/" + hostile(random));
            Path backupRoot = Path.of("/backup/" + hostile(random));
            Path license = Path.of("/licenses/" + hostile(random));
            HostBackend host = host(license);
            Installation inst = Installations.running(from, composeDir);
            var req = MigrationRequest.builder(composeDir, from == Edition.ENTERPRISE ? Edition.DEVELOPER : Edition.ENTERPRISE)
                    .version(Optional.of(from == Edition.ENTERPRISE ? "5.3.0" : "5.3.4")).licenseFile(Optional.of(license))
                    .backupRoot(backupRoot).healthTimeout(Duration.ofSeconds(5)).build();
            MigrationPlan plan = new Planner(host, CLOCK).plan(inst, req);
            assertThat(plan.steps()).as(plan.checks().toString()).isNotEmpty();
            List<Recorder.Entry> entries = new ArrayList<>();
            for (Step s : plan.steps()) {
                entries.add(new Recorder.StepStarted(s));
                s.changes().forEach(c -> entries.add(new Recorder.Applied(c)));
                s.verification().ifPresent(v -> entries.add(new Recorder.Verified(v)));
            }
            String script = new AuditScript(plan, entries, "test", CLOCK.instant(), hostile(random), List.of(hostile(random), hostile(random))).render();

            Path dir = Files.createDirectory(tmp.resolve("run-" + run));
            Path file = dir.resolve("audit.sh");
            Files.writeString(file, script);
            Path marker = dir.resolve("PWNED");
            assertThat(bash(dir, stubs, marker, "-n", file.toString())).as("syntax of run %d", run).isZero();
            int rc = bash(dir, stubs, marker, file.toString());
            assertThat(marker).as("run %d executed a payload; script:%n%s", run, script).doesNotExist();
            assertThat(rc).as("run %d exit code; output:%n%s%nscript:%n%s", run, Files.readString(dir.resolve("output.txt")), script).isIn(0, 3, 4, 5);
            String output = Files.readString(dir.resolve("output.txt"));
            assertThat(output.codePoints().filter(c -> c != '\n' && seatablemigrate.core.spi.Shell.isControl(c)).count())
                    .as("run %d printed control characters to the terminal:%n%s", run, output).isZero();
        }
    }

    private static String hostile(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
            if (random.nextInt(3) == 0) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
        }
        sb.insert(random.nextInt(sb.length() + 1), PAYLOADS[random.nextInt(PAYLOADS.length)]);
        return sb.toString().replace("/", "");
    }

    private int bash(Path dir, Path stubs, Path marker, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", stubs.toString());
        pb.environment().put("PWNED", marker.toString());
        pb.environment().put("STUB_LOG", dir.resolve("calls.txt").toString());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bash did not finish: " + Files.readString(dir.resolve("output.txt")));
        }
        return p.exitValue();
    }

    /** A folder of stub commands: each logs its call; docker answers as a healthy SeaTable would. */
    private Path stubs() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("stubs"));
        String stub = "#!/bin/bash\nprintf '%s\\n' \"${0##*/} $*\" >> \"$STUB_LOG\"\n"
                + "case \"${0##*/} $1\" in\n  'docker inspect') echo 'running healthy' ;;\n  'docker ps') echo c1 ;;\n"
                + "  'tail '*) echo '-- Dump completed' ;;\nesac\nexit 0\n";
        Path script = dir.resolve("stub");
        Files.writeString(script, stub);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String name : STUBS) {
            Files.createSymbolicLink(dir.resolve(name), script);
        }
        return dir;
    }

    private static HostBackend host(Path license) {
        HostBackend host = Installations.plannableHost();
        when(host.stat(any())).thenReturn(Optional.empty());
        byte[] licenseBytes = "#SeaTable server licence\nExpiration = \"2099-01-01\"\n".getBytes(StandardCharsets.UTF_8);
        when(host.stat(license)).thenReturn(Optional.of(new FileStat(FileStat.Type.REGULAR, licenseBytes.length, 0644, 0)));
        when(host.readFile(license)).thenReturn(Optional.of(licenseBytes));
        return host;
    }

}

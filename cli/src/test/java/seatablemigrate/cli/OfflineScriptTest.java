package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline audit scripts as programs, without Docker: a script recorded from a copy runs with bash against a "host" (a
 * directory tree at the compose directory the script names, and a stub {@code docker} on the PATH that plays a healthy
 * stack). Whatever the plan took from the copy, the script checks on the host before its first change: a host that
 * differs in exactly one fact is refused with exit 3 and keeps every byte. The script also runs again after a failure
 * that changed nothing.
 */
class OfflineScriptTest {
    private static final String EE = "seatable/seatable-enterprise:5.3.4";
    private static final String DE = "seatable/seatable-developer:5.3.0";
    /** The host's state and lock folders, which the script names absolutely, moved into the test's folder. */
    private static final String STATE_DIR = "/var/lib/seatable-migrate";
    private static final String LOCK_DIR = "/run/seatable-migrate/";

    /**
     * A Docker CLI for the scripts: the SeaTable container "c1" of service seatable-server runs the image in
     * {@code $STUB/image}, healthy, and answers /server-info/ for it; "mariadb" dumps; {@code up -d} starts what .env
     * names; {@code $STUB/fail-pull} and {@code $STUB/fail-dump} make the next pull or dump fail, {@code
     * $STUB/no-container} hides the container. Every call is logged to {@code $STUB/calls}.
     */
    private static final String DOCKER = """
            #!/bin/bash
            s=$STUB
            printf '%s\\n' "docker $*" >> "$s/calls"
            case "$1" in
              compose)
                case "$2" in
                  up) sed -n "s/^SEATABLE_IMAGE=[\\"']\\{0,1\\}\\([^\\"']*\\).*/\\1/p" .env > "$s/image" ;;
                esac ;;
              ps) [ -f "$s/no-container" ] || echo c1 ;;
              inspect)
                case "$3" in
                  *Config.Image*) cat "$s/image" ;;
                  *State.Status*) echo 'running healthy' ;;
                  *) echo healthy ;;
                esac ;;
              image) grep -qxF "$3" "$s/images" 2>/dev/null || exit 1 ;;
              pull)
                if [ -f "$s/fail-pull" ]; then rm -f "$s/fail-pull"; echo "Error response from daemon: registry unreachable" >&2; exit 1; fi
                echo "$2" >> "$s/images" ;;
              exec)
                case "$*" in
                  *server-info*) i=$(cat "$s/image"); e=${i#seatable/seatable-}; printf '{"version": "%s", "edition": "%s edition"}' "${i##*:}" "${e%%:*}" ;;
                  *--single-transaction*)
                    if [ -f "$s/fail-dump" ]; then rm -f "$s/fail-dump"; echo 'mariadb-dump: Got error: 2002' >&2; exit 2; fi
                    printf -- '-- seatable-migrate rows: `dtable_db`.`dtables`\\n-- seatable-migrate tables with rows: 1\\n'
                    printf -- '-- MariaDB dump\\nUSE `dtable_db`;\\nINSERT INTO `dtables` VALUES (1);\\n-- Dump completed on 2026-12-01 10:00:00\\n' ;;
                  *command\\ -v*) echo /usr/bin/mariadb-dump ;;
                esac ;;
            esac
            exit 0
            """;

    @TempDir
    Path tmp;
    private Path copy;
    private Path host;
    private Path backup;
    private Path stub;
    private Path bin;
    private Path script;

    @BeforeEach
    void copyAndHost() throws IOException {
        copy = Files.createDirectories(tmp.resolve("copy"));
        try (Stream<Path> files = Files.list(ComposeProject.EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        host = tmp.resolve("host/seatable-compose");
        backup = tmp.resolve("backup");
        stub = Files.createDirectories(tmp.resolve("stub"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createDirectories(tmp.resolve("state"));
        Files.writeString(bin.resolve("docker"), DOCKER);
        Files.setPosixFilePermissions(bin.resolve("docker"), PosixFilePermissions.fromString("rwxr-xr-x"));
        script = tmp.resolve("audit.sh");
    }

    /** Records the script from the copy, then makes the host a copy of the copy running {@code image}. */
    private LocalMigrationIT.Run record(String image, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("migrate", "--dry-run", "--offline", "--from", copy.toString(), "--compose-dir",
                host.toString(), "--backup-dir", backup.toString(), "--script", script.toString()));
        args.addAll(List.of(options));
        if (!args.contains("--health-timeout")) {
            args.addAll(List.of("--health-timeout", "10s"));
        }
        LocalMigrationIT.Run r = LocalMigrationIT.cli(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        String text = Files.readString(script);
        assertThat(text).contains(STATE_DIR).contains(LOCK_DIR);
        // The host's state and lock folders are absolute in the script: here they live in the test's folder.
        Files.writeString(script, text.replace(STATE_DIR, tmp.resolve("state/lib").toString()).replace(LOCK_DIR, tmp.resolve("state/run") + "/"));
        copyTree(copy, host);
        Files.writeString(stub.resolve("image"), image + "\n");
        return r;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private record Result(int exit, String output) {}

    private Result run() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).directory(tmp.toFile());
        pb.environment().put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("STUB", stub.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        return new Result(p.exitValue(), out);
    }

    /** Every file and folder of the host, the backup root and the state folder, with its bytes and mode (the lock's folder aside). */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path root : List.of(tmp.resolve("host"), backup, tmp.resolve("state/lib"))) {
            out.putAll(snapshotOf(root));
        }
        return out;
    }

    private static Map<String, String> snapshotOf(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS));
                out.put(f.toString(), mode + (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                        ? " " + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1) : " dir"));
            }
        }
        return out;
    }

    /** Runs the script on a host that differs in one fact: refused with exit 3 before any change, saying what differs. */
    private String assertRefusedUnchanged() throws Exception {
        Map<String, String> before = snapshot();
        Result r = run();
        assertThat(r.exit()).as(r.output()).isEqualTo(3);
        assertThat(r.output()).contains("Nothing was changed.").doesNotContain("==> ");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(Files.readString(stub.resolve("calls"))).doesNotContain("docker pull").doesNotContain("docker compose up")
                .doesNotContain("docker exec mariadb sh -c 'MYSQL_PWD");
        return r.output();
    }

    private String sha(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void anIdenticalHostIsSwitchedAndTheJournalEndsDone() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0");
        String env = Files.readString(host.resolve(".env"));

        Result r = run();

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(Files.readString(host.resolve(".env"))).isEqualTo(env.replace(EE, DE));
        assertThat(Files.readString(stub.resolve("image"))).isEqualTo(DE + "\n");
        assertThat(journal()).endsWith("END DONE\n");
    }

    private String journal() throws IOException {
        try (Stream<Path> runs = Files.list(backup)) {
            List<Path> dirs = runs.filter(p -> !p.getFileName().toString().contains(".earlier-")).toList();
            assertThat(dirs).hasSize(1);
            return Files.readString(dirs.get(0).resolve("journal.log"));
        }
    }

    @Test
    void anEditedEnvIsRefusedSayingWhatWasExpectedAndWhatWasFound() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0");
        String expected = sha(host.resolve(".env"));
        Files.writeString(host.resolve(".env"), "# edited on the host\n", java.nio.file.StandardOpenOption.APPEND);

        String out = assertRefusedUnchanged();

        assertThat(out).contains("guard 'project' failed: " + host.resolve(".env") + " changed since the recording (expected sha256 "
                + expected.substring(0, 12) + "..., found sha256 " + sha(host.resolve(".env")).substring(0, 12) + "...)")
                .doesNotContain("compose files parsed");
    }

    @Test
    void aChangedComposeFileIsRefused() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0");
        Files.writeString(host.resolve("mariadb.yml"), "# tuned on the host\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(assertRefusedUnchanged()).contains(host.resolve("mariadb.yml") + " changed since the recording");
    }

    @Test
    void anImageOverrideInAComposeFileIsRefused() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0");
        Path yml = host.resolve("seatable-server.yml");
        Files.writeString(yml, Files.readString(yml).replace("${SEATABLE_IMAGE:-seatable/seatable-enterprise:5.4.2}", EE));

        assertThat(assertRefusedUnchanged()).contains(yml + " changed since the recording");
    }

    @Test
    void aLicenseWithOtherContentIsRefused() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0");
        Path license = host.resolve("seatable-license.txt");
        Files.writeString(license, Files.readString(license).replace("2099-12-31", "2020-12-31"));

        assertThat(assertRefusedUnchanged()).contains(license + " changed since the recording");
    }

    @Test
    void aLicenseMissingOnTheHostIsRefused() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0");
        Path license = host.resolve("seatable-license.txt");
        Files.delete(license);

        assertThat(assertRefusedUnchanged()).contains(license + " changed since the recording").contains("found no file");
    }

    /** Developer -> Enterprise from a copy without a license: a license the host has is neither overwritten nor removed. */
    @Test
    void aLicenseOnTheHostThatTheCopyLacksIsRefused() throws Exception {
        Files.writeString(copy.resolve(".env"), Files.readString(copy.resolve(".env")).replace(EE, DE));
        Files.delete(copy.resolve("seatable-license.txt"));
        Path offered = Files.writeString(tmp.resolve("new-license.txt"), Files.readString(ComposeProject.EXAMPLE.resolve("seatable-license.txt")));
        record(DE, "--to", "enterprise", "--version", "5.3.4", "--license", offered.toString());
        Path license = host.resolve("seatable-license.txt");
        Files.writeString(license, "#SeaTable server licence\nExpiration = \"2027-01-01\"\n");

        assertThat(assertRefusedUnchanged()).contains(license + " changed since the recording (expected no file, found sha256 "
                + sha(license).substring(0, 12) + "...)");
    }

    @Test
    void aHostWithoutTheSeatableContainerIsRefusedSayingSo() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0");
        Files.writeString(stub.resolve("no-container"), "");

        assertThat(assertRefusedUnchanged()).contains("guard 'current-state' failed: expected the Enterprise Edition 5.3.4 ("
                + EE + ") running and healthy; found no container of service seatable-server").doesNotContain("not observed (offline)");
    }

    /** A failed pull changes nothing and leaves nothing behind: the same script runs again and gets past it. */
    @Test
    void aFailedPullIsExit3WithNothingLeftAndTheSameScriptRunsAgain() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0");
        Files.writeString(stub.resolve("fail-pull"), "");
        Map<String, String> before = snapshot();

        Result failed = run();

        assertThat(failed.exit()).as(failed.output()).isEqualTo(3);
        assertThat(failed.output()).contains("step 'pull' failed").contains("nothing was changed");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(backup).doesNotExist();

        Result again = run();

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(Files.readString(host.resolve(".env"))).contains(DE);
        assertThat(journal()).endsWith("END DONE\n");
    }

    /** A dump that fails ends the journal as the live run does (exit 3, END FAILED_UNCHANGED); the next run is not blocked by it. */
    @Test
    void aFailedDumpEndsFailedUnchangedAndTheSameScriptRunsAgain() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0");
        Files.writeString(stub.resolve("fail-dump"), "");
        String env = Files.readString(host.resolve(".env"));

        Result failed = run();

        assertThat(failed.exit()).as(failed.output()).isEqualTo(3);
        assertThat(failed.output()).contains("step 'backup' failed").contains("nothing was changed");
        assertThat(Files.readString(host.resolve(".env"))).isEqualTo(env);
        String journal = journal();
        assertThat(journal).contains("FAILED backup").endsWith("END FAILED_UNCHANGED\n");

        Result again = run();

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(Files.readString(host.resolve(".env"))).contains(DE);
        assertThat(journal()).endsWith("END DONE\n");
        try (Stream<Path> runs = Files.list(backup)) {
            assertThat(runs.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".earlier-1"));
        }
    }

    /** A COMPOSE_FILE entry outside the compose directory cannot be read from a copy: refused (exit 3), nothing read elsewhere. */
    @Test
    void aComposeFileOutsideTheCopyIsRefusedOffline() throws Exception {
        Files.writeString(tmp.resolve("outside.yml"), "services:\n  seatable-server:\n    image: seatable/seatable-enterprise:5.3.4\n");
        for (String entry : List.of("../outside.yml", tmp.resolve("outside.yml").toString())) {
            Files.writeString(copy.resolve(".env"), Files.readString(ComposeProject.EXAMPLE.resolve(".env"))
                    .replace("COMPOSE_FILE='mariadb.yml,seatable-server.yml'", "COMPOSE_FILE='mariadb.yml,seatable-server.yml," + entry + "'"));
            LocalMigrationIT.Run r = LocalMigrationIT.cli("migrate", "--dry-run", "--offline", "--from", copy.toString(), "--compose-dir",
                    host.toString(), "--backup-dir", backup.toString(), "--script", script.toString(), "--to", "developer", "--version", "5.3.0");

            assertThat(r.exit()).as(entry + ": " + r.out() + r.err()).isEqualTo(3);
            assertThat(r.out()).contains("compose file " + host.resolve(entry).normalize() + " is outside the compose directory "
                    + host + ": an offline plan reads only the copy " + copy);
            assertThat(script).doesNotExist();
        }
    }

    /** Offline, --license names a file on the host; one inside the copy is said, with the path the script will read. */
    @Test
    void aLicenseInsideTheCopyIsAWarningNamingTheHostPathTheScriptReads() throws Exception {
        Files.writeString(copy.resolve(".env"), Files.readString(copy.resolve(".env")).replace(EE, DE));
        Path offered = Files.writeString(copy.resolve("new-license.txt"), Files.readString(ComposeProject.EXAMPLE.resolve("seatable-license.txt")));

        LocalMigrationIT.Run r = record(DE, "--to", "enterprise", "--version", "5.3.4", "--license", offered.toString());

        assertThat(r.out()).contains("[warn]").contains("offline, --license names a file on the host, and " + offered + " is inside the copy "
                + copy + ": the script reads " + offered + " on the host (the copy's file stands for " + host.resolve("new-license.txt"));
    }

    /** SeaTable 4.1 mounted the license by an absolute path: it is guarded, backed up and installed where the mount takes it from. */
    @Test
    void anAbsoluteLicenseMountIsWhereTheLicenseIsGuardedAndInstalled() throws Exception {
        Path mounted = host.resolve("licenses/seatable-license.txt");
        Path yml = copy.resolve("seatable-server.yml");
        Files.writeString(yml, Files.readString(yml).replace("\"./seatable-license.txt:", "\"" + mounted + ":"));
        Files.writeString(copy.resolve(".env"), Files.readString(copy.resolve(".env")).replace(EE, DE));
        Files.delete(copy.resolve("seatable-license.txt"));
        Files.createDirectories(copy.resolve("licenses"));
        Files.writeString(copy.resolve("licenses/seatable-license.txt"), "");
        Path offered = Files.writeString(tmp.resolve("new-license.txt"), Files.readString(ComposeProject.EXAMPLE.resolve("seatable-license.txt")));

        record(DE, "--to", "enterprise", "--version", "5.3.4", "--license", offered.toString());
        Result r = run();

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(Files.readString(mounted)).isEqualTo(Files.readString(offered));
        assertThat(host.resolve("seatable-license.txt")).doesNotExist();
        try (Stream<Path> runs = Files.list(backup)) {
            Path run = runs.findFirst().orElseThrow();
            assertThat(run.resolve("config/seatable-license.txt")).hasContent("");
        }
    }

    /** A failed start after the switch rolls back (exit 4): the journal says so, and the host has its bytes back. */
    @Test
    void aFailedStartRollsBackWithExit4AndEndsTheJournalRolledBack() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0", "--health-timeout", "1s");
        Map<String, String> host = snapshotOf(tmp.resolve("host"));
        // The engine keeps the old container: the target never answers.
        Files.writeString(bin.resolve("docker"), DOCKER.replace("  up) sed", "  up) [ -f \"$s/image\" ] || sed"));

        Result r = run();

        assertThat(r.exit()).as(r.output()).isEqualTo(4);
        assertThat(journal()).contains("FAILED verify exit status 1").contains("DONE rollback-verify").endsWith("END ROLLED_BACK\n");
        assertThat(snapshotOf(tmp.resolve("host"))).isEqualTo(host);
    }

    /** SIGTERM (what timeout, systemd and CI cancellation send) stops the script as Ctrl-C does: rolled back, exit 143. */
    @Test
    void sigtermDuringTheHealthWaitRollsBackWithExit143AndEndsTheJournalTerminated() throws Exception {
        record(EE, "--to", "developer", "--version", "5.3.0", "--health-timeout", "60s");
        Map<String, String> host = snapshotOf(tmp.resolve("host"));
        // The engine keeps the old container: the target never answers, so the script waits until it is stopped.
        Files.writeString(bin.resolve("docker"), DOCKER.replace("  up) sed", "  up) [ -f \"$s/image\" ] || sed"));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile())
                .directory(tmp.toFile());
        pb.environment().put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("STUB", stub.toString());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(stub.resolve("calls")) && Files.readString(stub.resolve("calls")).contains("docker compose up"))) {
            assertThat(p.isAlive()).as(Files.readString(tmp.resolve("out"))).isTrue();
            assertThat(System.nanoTime()).as("the script reaches the switch's start").isLessThan(deadline);
            Thread.sleep(50);
        }

        p.destroy(); // SIGTERM to the script
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String out = Files.readString(tmp.resolve("out"));
        assertThat(p.exitValue()).as(out).isEqualTo(143);
        assertThat(out).contains("terminated; rolled back: the previous edition runs and is healthy");
        assertThat(journal()).contains("DONE rollback-verify").endsWith("END TERMINATED\n");
        assertThat(snapshotOf(tmp.resolve("host"))).isEqualTo(host);
    }
}

package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import seatablemigrate.backend.ssh.TestSshd;

/**
 * The same workflow over SSH: a real OpenSSH sshd on loopback in front of this machine's engine, so the "remote"
 * host is the test environment itself. Key-file authentication with known_hosts checked.
 */
class SshMigrationIT {
    private Path dir;
    private TestSshd sshd;
    private Path key;
    private Path backupRoot;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("ssh-it-");
        key = dir.resolve("id_ed25519");
        TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        sshd = TestSshd.start(Files.createDirectory(dir.resolve("sshd")), List.of(dir.resolve("id_ed25519.pub")));
        backupRoot = Files.createTempDirectory("seatable-backup-");
    }

    @AfterEach
    void stop() {
        sshd.close();
        ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", dir.toString(), backupRoot.toString());
    }

    private LocalMigrationIT.Run ssh(String... args) {
        List<String> all = new ArrayList<>(List.of("--host", "ssh://root@127.0.0.1:" + sshd.port, "--known-hosts",
                sshd.knownHosts.toString(), "-i", key.toString()));
        all.addAll(List.of(args));
        return LocalMigrationIT.cli(all.toArray(String[]::new));
    }

    @Test
    void enterpriseToDeveloperOverSsh() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            LocalMigrationIT.Run status = ssh("status", "--compose-dir", p.dir.toString());
            assertThat(status.exit()).as(status.out() + status.err()).isZero();
            assertThat(status.out()).contains("Enterprise Edition").contains("healthy");

            Path fetched = dir.resolve("fetched backups");
            LocalMigrationIT.Run r = ssh("migrate", "--to", "developer", "--compose-dir", p.dir.toString(), "--backup-dir",
                    backupRoot.toString(), "--health-timeout", "90s", "--yes", "--fetch-backup", fetched.toString());

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("on ssh://root@127.0.0.1:" + sshd.port + " to the Developer Edition")
                    .as("the remote dump's size is reported").containsPattern("dump ccnet_db, dtable_db, seafile_db to databases.sql \\([0-9.]+ KiB\\)");
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.DE);
            assertThat(ComposeProject.serverInfo()).contains("developer edition");
            Path run;
            try (Stream<Path> s = Files.list(backupRoot)) {
                run = s.findFirst().orElseThrow();
            }
            ComposeProject.Docker.ok(run, 60, "sha256sum", "-c", "--strict", "SHA256SUMS");
            assertThat(Files.readString(run.resolve("databases.sql")).strip()).contains("-- Dump completed");
            assertThat(r.out() + Files.readString(run.resolve("seatable-migrate.log"))).doesNotContain("Example-Db-Pa55word-7f3a");

            // --fetch-backup: the same folder on the client, byte for byte, private, verified.
            Path copy = fetched.resolve(run.getFileName());
            assertThat(r.out()).contains("backup fetched to " + copy + ": ").contains("checksums verified");
            ComposeProject.Docker.ok(copy, 60, "sha256sum", "-c", "--strict", "SHA256SUMS");
            for (String f : List.of("databases.sql", "config/.env", "config/seatable-license.txt", "manifest.json", "journal.log",
                    "seatable-migrate.log")) {
                assertThat(Files.readAllBytes(copy.resolve(f))).as(f).isEqualTo(Files.readAllBytes(run.resolve(f)));
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.resolve(f))))
                        .as(f).isEqualTo("rw-------");
            }
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rwx------");
        }
    }

    /**
     * An upgrade over SSH whose new release fails its first start: the configuration folder is read and restored through
     * SFTP, the dump loaded through the remote docker, and the previous release runs again on the databases as they were.
     */
    @Test
    void aFailedUpgradeOverSshGoesBackWithItsDatabases() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            Path stamp = p.dir.resolve("data/seatable-server/seatable/conf/current_version.txt");
            String before = Files.readString(stamp);
            Files.writeString(p.dir.resolve("data/seatable-server/fail-next-start"), "");

            LocalMigrationIT.Run r = ssh("upgrade", "--version", "6.0.3", "--compose-dir", p.dir.toString(), "--backup-dir",
                    backupRoot.toString(), "--health-timeout", "20s", "--yes");

            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
            assertThat(r.out()).contains("upgrading " + p.dir + " on ssh://root@127.0.0.1:" + sshd.port + " to 6.0.3")
                    .contains("==> load the databases from ").contains("rolled back: the previous release runs and is healthy");
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(Files.readString(stamp)).isEqualTo(before);
            assertThat(UpgradeIT.recordedRelease()).isEqualTo("5.3.4");
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.serverInfo()).contains("\"version\": \"5.3.4\"");
        }
    }

    @Test
    void aDryRunOverSshWritesTheScriptALiveRunWouldExecute() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            String seatable = ComposeProject.identity("seatable-server");
            Path script = dir.resolve("switch.sh");
            LocalMigrationIT.Run r = ssh("migrate", "--dry-run", "--to", "developer", "--compose-dir", p.dir.toString(),
                    "--backup-dir", backupRoot.toString(), "--script", script.toString(), "--health-timeout", "90s");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.identity("seatable-server")).isEqualTo(seatable);
            assertThat(Files.readString(script)).contains("# Host:         root@127.0.0.1:" + sshd.port);

            ComposeProject.Docker.Result run = ComposeProject.Docker.run(Path.of("/"), 300, "bash", script.toString());

            assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.DE);
            assertThat(ComposeProject.serverInfo()).contains("developer edition");

            // And back: Developer -> Enterprise, recorded over SSH with a license, then run.
            Path license = dir.resolve("license.txt");
            Files.write(license, ComposeProject.validLicense());
            Files.write(p.dir.resolve("seatable-license.txt"), new byte[0]);
            Path back = dir.resolve("back.sh");
            LocalMigrationIT.Run r2 = ssh("migrate", "--dry-run", "--to", "enterprise", "--license", license.toString(), "--compose-dir",
                    p.dir.toString(), "--backup-dir", backupRoot.toString(), "--script", back.toString(), "--health-timeout", "90s");
            assertThat(r2.exit()).as(r2.out() + r2.err()).isZero();
            ComposeProject.Docker.Result run2 = ComposeProject.Docker.run(Path.of("/"), 300, "bash", back.toString());
            assertThat(run2.exit()).as(run2.stdout() + run2.stderr()).isZero();
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(p.read("seatable-license.txt")).isEqualTo(ComposeProject.validLicense());
            assertThat(ComposeProject.image("seatable-server")).isEqualTo(LocalMigrationIT.EE);
            assertThat(ComposeProject.serverInfo()).contains("enterprise edition");
        }
    }

    /**
     * Both directions authenticated by the ssh-agent alone, one key type each way: the packaged jar runs as its own
     * process (SSH_AUTH_SOCK is read from the environment), with no key file given and a HOME without keys; the
     * sshd accepts only the agent's keys.
     */
    @Test
    void theAgentsEd25519AndRsaKeysEachCarryAWholeSwitch() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        List<Path> agentKeys = new ArrayList<>();
        for (String type : List.of("ed25519", "rsa")) {
            Path k = dir.resolve("agent_" + type);
            TestSshd.run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", k.toString());
            agentKeys.add(k);
        }
        Files.writeString(sshd.dir.resolve("authorized_keys"), Files.readString(Path.of(agentKeys.get(0) + ".pub"))
                + Files.readString(Path.of(agentKeys.get(1) + ".pub")));
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            ComposeProject.Docker.Result toDeveloper = withAgentHolding(agentKeys.get(0), home, "migrate", "--to", "developer",
                    "--compose-dir", p.dir.toString(), "--backup-dir", backupRoot.toString(), "--health-timeout", "90s", "--yes");
            assertThat(toDeveloper.exit()).as(toDeveloper.stdout() + toDeveloper.stderr()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(ComposeProject.serverInfo()).contains("developer edition");

            ComposeProject.Docker.Result toEnterprise = withAgentHolding(agentKeys.get(1), home, "migrate", "--to", "enterprise",
                    "--compose-dir", p.dir.toString(), "--backup-dir", backupRoot.toString(), "--health-timeout", "90s", "--yes");
            assertThat(toEnterprise.exit()).as(toEnterprise.stdout() + toEnterprise.stderr()).isZero();
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.serverInfo()).contains("enterprise edition");
        }
    }

    /**
     * An encrypted key file and no passphrase variable: on a terminal the tool asks, as ssh does (a pseudo-terminal
     * from script(1) here, the answer typed on its input); in a pipe it names the key and where a passphrase comes from.
     */
    @Test
    void anEncryptedKeyFileAsksForItsPassphraseOnATerminalAndIsNamedInAPipe() throws Exception {
        Path encrypted = dir.resolve("id_encrypted");
        TestSshd.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "pass phrase 1", "-f", encrypted.toString());
        Files.writeString(sshd.dir.resolve("authorized_keys"), Files.readString(Path.of(encrypted + ".pub")));
        Path home = Files.createDirectory(dir.resolve("home"));
        Path missing = dir.resolve("no-such-compose-dir");
        String cli = String.join(" ", "java", "-Duser.home=" + home, "-jar", Path.of("target/seatable-migrate.jar").toAbsolutePath().toString(),
                "--host", "ssh://root@127.0.0.1:" + sshd.port, "--known-hosts", sshd.knownHosts.toString(), "-i", encrypted.toString(),
                "status", "--compose-dir", missing.toString());

        Path typed = dir.resolve("typed");
        Files.writeString(typed, "pass phrase 1\n");
        ComposeProject.Docker.Result onTerminal = ComposeProject.Docker.run(Path.of("/"), 120, "sh", "-c",
                "env -u SSH_AUTH_SOCK -u " + seatablemigrate.backend.ssh.SshBackendProvider.PASSPHRASE_VARIABLE
                        + " script -qec '" + cli + "' /dev/null < " + typed);
        assertThat(onTerminal.stdout()).contains("Enter passphrase for key '" + encrypted + "'")
                .as("connected and authenticated: the remote answered").contains("compose directory " + missing + " does not exist on root@127.0.0.1");

        ComposeProject.Docker.Result inPipe = ComposeProject.Docker.run(Path.of("/"), 120, "sh", "-c",
                "env -u SSH_AUTH_SOCK -u " + seatablemigrate.backend.ssh.SshBackendProvider.PASSPHRASE_VARIABLE + " " + cli + " < /dev/null");
        assertThat(inPipe.exit()).isEqualTo(3);
        assertThat(inPipe.stdout() + inPipe.stderr()).doesNotContain("Enter passphrase")
                .contains("key file " + encrypted + " (encrypted, and no passphrase: set " + seatablemigrate.backend.ssh.SshBackendProvider.PASSPHRASE_VARIABLE);
    }

    /** Runs the packaged CLI against the test sshd with an ssh-agent that holds only {@code key}. */
    private ComposeProject.Docker.Result withAgentHolding(Path key, Path home, String... args) throws Exception {
        Path socket = dir.resolve("agent-" + key.getFileName() + ".sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            TestSshd.run("env", "SSH_AUTH_SOCK=" + socket, "ssh-add", "-q", key.toString());
            List<String> argv = new ArrayList<>(List.of("env", "SSH_AUTH_SOCK=" + socket, "HOME=" + home, "java",
                    "-Duser.home=" + home, "-jar", Path.of("target/seatable-migrate.jar").toAbsolutePath().toString(),
                    "--host", "ssh://root@127.0.0.1:" + sshd.port, "--known-hosts", sshd.knownHosts.toString()));
            argv.addAll(List.of(args));
            return ComposeProject.Docker.run(Path.of("/"), 300, argv.toArray(String[]::new));
        } finally {
            agent.destroy();
        }
    }

    @Test
    void developerToEnterpriseThroughAnSshConfigAlias() throws Exception {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host seatable-test\n  HostName 127.0.0.1\n  Port " + sshd.port + "\n  User root\n  IdentityFile "
                + key + "\n  IdentitiesOnly yes\n\nHost *\n  User nobody\n");
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.DE, new byte[0]).up()) {
            String envBefore = p.env();
            Path license = dir.resolve("license.txt");
            Files.write(license, ComposeProject.validLicense());
            LocalMigrationIT.Run r = LocalMigrationIT.cli("--host", "seatable-test", "--ssh-config", config.toString(), "--known-hosts",
                    sshd.knownHosts.toString(), "migrate", "--to", "enterprise", "--license", license.toString(), "--compose-dir",
                    p.dir.toString(), "--backup-dir", backupRoot.toString(), "--health-timeout", "90s", "--yes");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.DE, LocalMigrationIT.EE));
            assertThat(p.read("seatable-license.txt")).isEqualTo(ComposeProject.validLicense());
            assertThat(ComposeProject.serverInfo()).contains("enterprise edition");
        }
    }

    @Test
    void aConnectionCutMidSwitchIsReportedAndTheNextRunRecovers() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            Files.writeString(p.dir.resolve("data/seatable-server/fail-next-start"), "");
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> ssh("migrate", "--to", "developer", "--compose-dir",
                    p.dir.toString(), "--backup-dir", backupRoot.toString(), "--health-timeout", "120s", "--yes"));
            Path journal = null;
            for (int i = 0; i < 600 && journal == null; i++) {
                try (Stream<Path> s = Files.list(backupRoot)) {
                    journal = s.map(d -> d.resolve("journal.log")).filter(j -> {
                        try {
                            return Files.exists(j) && Files.readString(j).contains("BEGIN verify");
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    }).findFirst().orElse(null);
                }
                Thread.sleep(100);
            }
            assertThat(journal).as("the run reached the verify step").isNotNull();
            sshd.cutConnections();

            LocalMigrationIT.Run cut = first.get(180, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(cut.exit()).as(cut.out() + cut.err()).isEqualTo(5);
            assertThat(cut.out()).contains("NEEDS ATTENTION").contains("steps done before: prepare, backup, switch-image, start")
                    .contains("the rollback failed at 'rollback-stop'")
                    .contains("To recover, run: seatable-migrate --host root@127.0.0.1:" + sshd.port + " rollback --compose-dir " + p.dir);

            LocalMigrationIT.Run next = ssh("migrate", "--to", "developer", "--compose-dir", p.dir.toString(), "--backup-dir",
                    backupRoot.toString(), "--health-timeout", "90s", "--yes");
            assertThat(next.exit()).as(next.out() + next.err()).isZero();
            assertThat(next.out()).contains("an earlier run left the installation mid-switch (run ")
                    .contains("recovery returns it to the Enterprise Edition 5.3.4");
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(ComposeProject.health("seatable-server")).isEqualTo("healthy");
            assertThat(ComposeProject.serverInfo()).contains("developer edition");
        }
    }

    @Test
    void aNonRootLoginWithSudoSwitchesAndOneWithoutSudoIsRefused() throws Exception {
        TestSshd.ensureUser("smtest-admin", true);
        TestSshd.ensureUser("smtest-nosudo", false);
        // sshd reads authorized_keys as the login user.
        TestSshd.run("chmod", "0755", dir.toString(), sshd.dir.toString());
        TestSshd.run("chmod", "0644", sshd.dir.resolve("authorized_keys").toString());
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            String envBefore = p.env();
            String seatable = ComposeProject.identity("seatable-server");
            LocalMigrationIT.Run refused = LocalMigrationIT.cli("--host", "ssh://smtest-nosudo@127.0.0.1:" + sshd.port, "--sudo",
                    "--known-hosts", sshd.knownHosts.toString(), "-i", key.toString(), "migrate", "--to", "developer", "--compose-dir",
                    p.dir.toString(), "--backup-dir", backupRoot.toString(), "--yes");
            assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(3);
            assertThat(refused.out() + refused.err()).contains("may not run commands with 'sudo -n'");
            assertThat(p.env()).isEqualTo(envBefore);
            assertThat(ComposeProject.identity("seatable-server")).isEqualTo(seatable);

            LocalMigrationIT.Run r = LocalMigrationIT.cli("--host", "ssh://smtest-admin@127.0.0.1:" + sshd.port, "--sudo",
                    "--known-hosts", sshd.knownHosts.toString(), "-i", key.toString(), "migrate", "--to", "developer", "--compose-dir",
                    p.dir.toString(), "--backup-dir", backupRoot.toString(), "--health-timeout", "90s", "--yes");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(p.env()).isEqualTo(envBefore.replace(LocalMigrationIT.EE, LocalMigrationIT.DE));
            assertThat(ComposeProject.serverInfo()).contains("developer edition");
            Path run;
            try (Stream<Path> s = Files.list(backupRoot)) {
                run = s.findFirst().orElseThrow();
            }
            ComposeProject.Docker.ok(run, 60, "sha256sum", "-c", "--strict", "SHA256SUMS");
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintAndNothingChanges() throws Exception {
        Files.writeString(sshd.knownHosts, "");
        LocalMigrationIT.Run r = ssh("migrate", "--to", "developer", "--compose-dir", "/opt/seatable-compose", "--yes");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("is unknown: ssh-ed25519 SHA256:").contains("Nothing was changed.").doesNotContain("\tat ");
        var events = JsonEvents.parse(ssh("migrate", "--to", "developer", "--compose-dir", "/opt/seatable-compose", "--yes", "--json").out());
        assertThat(events.get(events.size() - 1).path("outcome").asText()).as("a refused host key: the host is unreachable").isEqualTo("unreachable");
    }
}

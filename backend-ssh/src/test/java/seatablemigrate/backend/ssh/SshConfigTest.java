package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.spi.ConnectionOptions;
import seatablemigrate.core.spi.LocalCommand;

class SshConfigTest {
    @TempDir
    Path dir;

    @Test
    void firstValueWinsIdentityFilesAccumulatePatternsMatchAsOpenSshDoes() {
        SshConfigFile cfg = SshConfigFile.parse(String.join("\n",
                "# comment", "Host prod-* !prod-old", "  HostName 10.0.0.%h", "  User admin", "  IdentityFile ~/.ssh/prod",
                "Host prod-eu", "  User ignored", "  Port 2222", "Host *", "  IdentityFile ~/.ssh/id_ed25519", "  User fallback"));
        Map<String, List<String>> eu = cfg.forHost("prod-eu");
        assertThat(SshConfigFile.first(eu, "user")).contains("admin");
        assertThat(SshConfigFile.first(eu, "port")).contains("2222");
        assertThat(eu.get("identityfile")).containsExactly("~/.ssh/prod", "~/.ssh/id_ed25519");
        assertThat(SshConfigFile.first(cfg.forHost("prod-old"), "user")).contains("fallback");
        assertThat(SshConfigFile.expand("~/.ssh/prod", "h")).isEqualTo(Path.of(System.getProperty("user.home"), ".ssh/prod"));
    }

    @Test
    void thePassphraseVariableIsNotPassedToSshGOrAnyOtherChildProgram() {
        // LocalCommandTest shows that a tool secret is not inherited; this keeps the passphrase's name one of them.
        assertThat(LocalCommand.isToolSecret(SshBackendProvider.PASSPHRASE_VARIABLE)).isTrue();
    }

    @Test
    void hostileOrBrokenConfigurationIsAClearUsageErrorNeverACrash() throws Exception {
        SshConfigFile cfg = SshConfigFile.parse(String.join("\n", "Host db[1", "  User odd", "Host (a|b)+", "  User regex", "Host *", "  User any"));
        assertThat(SshConfigFile.first(cfg.forHost("db[1"), "user")).contains("odd");
        assertThat(SshConfigFile.first(cfg.forHost("db1"), "user")).contains("any");
        assertThat(SshConfigFile.first(cfg.forHost("aab"), "user")).contains("any");
        Path config = dir.resolve("config");
        Files.writeString(config, "Host broken\n  HostName 127.0.0.1\n  Port abc\n");
        ConnectionOptions options = new ConnectionOptions(Optional.of(config), Optional.of(dir.resolve("known_hosts")), List.of(), false, false);
        assertThatThrownBy(() -> SshBackendProvider.connect("broken", options))
                .isInstanceOf(seatablemigrate.core.UsageException.class)
                .hasMessage("the ssh configuration for host broken is not valid: " + config + " line 3: Bad port 'abc'.");
        assertThatThrownBy(() -> OpenSshConfig.resolve(Optional.of(config), "-oProxyCommand=touch /tmp/x"))
                .isInstanceOf(seatablemigrate.core.UsageException.class).hasMessageContaining("is not a host name");
    }

    @Test
    void openSshsOwnEvaluationFollowsIncludeAndMatchWhichTheFileReaderDoesNot() throws Exception {
        Path included = dir.resolve("customers.conf");
        Files.writeString(included, String.join("\n", "Host cust-*", "  User deploy", "  Port 2222", "  IdentityFile " + dir.resolve("cust_key"),
                "Match host cust-b", "  HostName 192.0.2.7", ""));
        Path config = dir.resolve("config");
        Files.writeString(config, "Include " + included + "\nHost *\n  User fallback\n");
        Map<String, List<String>> b = OpenSshConfig.resolve(Optional.of(config), "cust-b").orElseThrow();
        assertThat(SshConfigFile.first(b, "user")).contains("deploy");
        assertThat(SshConfigFile.first(b, "port")).contains("2222");
        assertThat(SshConfigFile.first(b, "hostname")).contains("192.0.2.7");
        assertThat(b.get("identityfile")).containsExactly(dir.resolve("cust_key").toString());
        assertThat(SshConfigFile.first(OpenSshConfig.resolve(Optional.of(config), "other").orElseThrow(), "user")).contains("fallback");
        assertThat(SshConfigFile.first(SshConfigFile.read(config).forHost("cust-b"), "user")).as("the fallback reader knows no Include")
                .contains("fallback");
    }

    @Test
    void proxyJumpHopsMayNameUserHostAndPort() {
        assertThat(SshEndpoint.parse("jump@bastion:2200")).isEqualTo(new SshEndpoint("bastion", 2200, Optional.of("jump")));
        assertThat(SshEndpoint.parse("bastion:2200")).isEqualTo(new SshEndpoint("bastion", 2200, Optional.empty()));
        assertThat(SshEndpoint.hasPort("jump@bastion:2200")).isTrue();
        assertThat(SshEndpoint.hasPort("ssh://bastion")).isFalse();
        assertThat(SshEndpoint.hasPort("bastion")).isFalse();
    }

    @Test
    void targets() {
        assertThat(SshEndpoint.parse("ssh://admin@db1.example.com:2222")).isEqualTo(new SshEndpoint("db1.example.com", 2222, Optional.of("admin")));
        assertThat(SshEndpoint.parse("admin@db1")).isEqualTo(new SshEndpoint("db1", 22, Optional.of("admin")));
        assertThat(SshEndpoint.parse("db1")).isEqualTo(new SshEndpoint("db1", 22, Optional.empty()));
        assertThat(SshEndpoint.parse("ssh://[::1]:22").host()).isEqualTo("::1");
        assertThat(new SshEndpoint("h", 2222, Optional.empty()).knownHostsName()).isEqualTo("[h]:2222");
    }
}

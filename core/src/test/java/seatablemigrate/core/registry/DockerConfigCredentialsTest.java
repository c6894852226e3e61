package seatablemigrate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker CLI's credential sources, the helper protocol through a stub helper script. */
class DockerConfigCredentialsTest {
    @TempDir
    Path dir;

    private DockerConfigCredentials config(String json) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new DockerConfigCredentials(file, List.of(dir.resolve("bin")));
    }

    /** A helper that records its argument and stdin, and answers for one server only. */
    private void helper(String name, String server, String answer) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("docker-credential-" + name);
        Files.writeString(script, "#!/bin/sh\nread -r server\nprintf '%s %s\\n' \"$1\" \"$server\" >> '" + dir.resolve("calls") + "'\n"
                + "if [ \"$server\" = '" + server + "' ]; then printf '%s' '" + answer + "'; else echo 'credentials not found in native keychain'; exit 1; fi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void inlineAuthsForARegistryAndDockerHub() throws Exception {
        String auth = Base64.getEncoder().encodeToString("alice:s3cr:et".getBytes(StandardCharsets.UTF_8));
        var c = config("{\"auths\":{\"https://registry.example.com:5000/v1/\":{\"auth\":\"" + auth + "\"},"
                + "\"https://index.docker.io/v1/\":{\"username\":\"bob\",\"password\":\"pw\"}}}");
        assertThat(c.forRegistry("registry.example.com:5000")).hasValueSatisfying(cr -> {
            assertThat(cr.user()).isEqualTo("alice");
            assertThat(cr.secret().reveal()).isEqualTo("s3cr:et");
            assertThat(cr.toString()).doesNotContain("s3cr");
        });
        assertThat(c.forRegistry("docker.io")).hasValueSatisfying(cr -> assertThat(cr.user()).isEqualTo("bob"));
        assertThat(c.forRegistry("other.example.com")).isEmpty();
    }

    @Test
    void helpersSpeakTheProtocolOnStdinAndPerRegistryHelpersWin() throws Exception {
        helper("store", "https://index.docker.io/v1/", "{\"ServerURL\":\"x\",\"Username\":\"hub-user\",\"Secret\":\"hub-secret\"}");
        helper("ecr", "reg.example:5000", "{\"Username\":\"ecr-user\",\"Secret\":\"ecr-secret\"}");
        var c = config("{\"credsStore\":\"store\",\"credHelpers\":{\"reg.example:5000\":\"ecr\"},"
                + "\"auths\":{\"reg.example:5000\":{\"auth\":\"" + Base64.getEncoder().encodeToString("inline:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}}}");
        assertThat(c.forRegistry("docker.io")).hasValueSatisfying(cr -> assertThat(cr.secret().reveal()).isEqualTo("hub-secret"));
        assertThat(c.forRegistry("reg.example:5000")).hasValueSatisfying(cr -> assertThat(cr.user()).isEqualTo("ecr-user"));
        assertThat(c.forRegistry("nowhere.example")).isEmpty(); // the store says "not found": no credential, no failure
        assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("get https://index.docker.io/v1/", "get reg.example:5000",
                "get nowhere.example");
    }

    @Test
    void brokenOrMissingConfigurationAndHelpersMeanNoCredential() throws Exception {
        assertThat(new DockerConfigCredentials(dir.resolve("missing.json"), List.of()).forRegistry("docker.io")).isEmpty();
        assertThat(config("{not json").forRegistry("docker.io")).isEmpty();
        assertThat(config("{\"credsStore\":\"absent\"}").forRegistry("docker.io")).isEmpty();
        assertThat(config("{\"credsStore\":\"../../bin/sh\"}").forRegistry("docker.io")).isEmpty();
        helper("token", "https://index.docker.io/v1/", "{\"Username\":\"<token>\",\"Secret\":\"refresh\"}");
        assertThat(config("{\"credsStore\":\"token\"}").forRegistry("docker.io")).isEmpty();
    }
}

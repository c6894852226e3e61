package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion script in zsh (installed by the test environment), as the README says to use it: sourced after
 * bashcompinit. zsh then filters the candidates by the typed prefix itself, so the function's answer must hold the
 * right ones; what bash makes of the same lines is CommandLineTest's.
 */
class ZshCompletionIT {
    @TempDir
    Path tmp;

    @Test
    void theCompletionScriptAnswersInZsh() throws Exception {
        CompletionDriver shell = CompletionDriver.generate(tmp);
        Path backups = Files.createDirectories(tmp.resolve("backups/20261101-100000-to-developer"));
        Files.writeString(backups.resolve("manifest.json"), "{}");
        Files.createDirectories(tmp.resolve("backups/not-a-backup"));
        Path sshConfig = tmp.resolve("ssh_config");
        Files.writeString(sshConfig, "Host cust-a cust-b *.example\n  User root\n");

        assertThat(shell.zsh("seatable-migrate migrate --to d")).contains("developer");
        assertThat(shell.zsh("seatable-migrate sta")).contains("status");
        assertThat(shell.zsh("seatable-migrate --ssh-config " + sshConfig + " status --host ")).contains("cust-a", "cust-b", "local")
                .doesNotContain("*.example");
        assertThat(shell.zsh("seatable-migrate rollback --backup-dir " + tmp.resolve("backups") + " --backup ")).containsExactly(
                "20261101-100000-to-developer");
    }
}

package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.spi.Shell;

/**
 * The completion script in zsh (installed by the test environment), as the README says to use it: sourced after
 * bashcompinit. zsh then filters the candidates by the typed prefix itself, so the function's answer must hold the
 * right ones; what bash makes of the same lines is CommandLineTest's.
 */
class ZshCompletionIT {
    @TempDir
    Path tmp;

    private List<String> complete(Path script, String line) throws Exception {
        String words = line.endsWith(" ") ? line + "''" : line;
        Path driver = tmp.resolve("complete.zsh");
        Files.writeString(driver, "autoload -U +X compinit && compinit -u\nautoload -U +X bashcompinit && bashcompinit\nsource " + script + "\n"
                // Outside a real TAB press there is no completion context for compopt; bashcompinit runs functions with ksh arrays.
                + "unalias compopt 2>/dev/null; function compopt { : }\nsetopt ksharrays\nCOMP_WORDS=(" + words + ")\n"
                + "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\nCOMP_LINE=" + Shell.quote(line) + "\nCOMP_POINT=${#COMP_LINE}\n"
                + "_seatable_migrate_complete\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n");
        Process p = new ProcessBuilder("zsh", "-f", driver.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void theCompletionScriptAnswersInZsh() throws Exception {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("generate-completion");
        assertThat(r.exit()).isZero();
        Path script = tmp.resolve("completion.bash");
        Files.writeString(script, r.out());
        Path backups = Files.createDirectories(tmp.resolve("backups/20261101-100000-to-developer"));
        Files.writeString(backups.resolve("manifest.json"), "{}");
        Files.createDirectories(tmp.resolve("backups/not-a-backup"));
        Path sshConfig = tmp.resolve("ssh_config");
        Files.writeString(sshConfig, "Host cust-a cust-b *.example\n  User root\n");

        assertThat(complete(script, "seatable-migrate migrate --to d")).contains("developer");
        assertThat(complete(script, "seatable-migrate sta")).contains("status");
        assertThat(complete(script, "seatable-migrate --ssh-config " + sshConfig + " status --host ")).contains("cust-a", "cust-b", "local")
                .doesNotContain("*.example");
        assertThat(complete(script, "seatable-migrate rollback --backup-dir " + tmp.resolve("backups") + " --backup ")).containsExactly(
                "20261101-100000-to-developer");
    }
}

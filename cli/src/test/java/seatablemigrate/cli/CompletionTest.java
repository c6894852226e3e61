package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion candidates that depend on the machine (backup folder names, ssh_config aliases) are text anyone who can
 * write there chose. Pressing TAB must never run them: they are offered exactly as they are, in bash and in zsh.
 */
class CompletionTest {
    /** Names that a shell would run, split, glob or brace-expand if it expanded them. */
    private static final List<String> HOSTILE = List.of("x$(touch${IFS}PWNED)", "x`touch${IFS}PWNED2`", "x$((1+1))", "x${HOME}", "x{a,b}",
            "x*", "x?", "x[ab]", "x y", "x\ty", "x\nPWNED3", "x'q", "x\"q", "x\\q", "x;touch PWNED4", "x|touch PWNED5", "x&", "x>PWNED6",
            "x<y", "x!y", "x~", "x#y", "-x", "x\u001b[31mred");

    @TempDir
    Path tmp;

    private CompletionDriver shell;
    private Path backups;
    private Path sshConfig;

    @BeforeEach
    void hostileNames() throws Exception {
        shell = CompletionDriver.generate(tmp);
        backups = tmp.resolve("backups");
        for (String name : HOSTILE) {
            Files.writeString(Files.createDirectories(backups.resolve(name)).resolve("manifest.json"), "{}");
        }
        Files.createDirectories(backups.resolve("x-without-manifest"));
        // Files a glob in a candidate would match if the shell expanded it in the working directory.
        Files.writeString(shell.workDir().resolve("xa"), "");
        Files.writeString(shell.workDir().resolve("xyz"), "");
        sshConfig = tmp.resolve("ssh_config");
        Files.writeString(sshConfig, "Host " + String.join(" ", aliases()) + " plain\n  User root\n");
    }

    /** The names an ssh_config Host line can hold as aliases: one word each, no pattern, no quoting, no comment. */
    private static List<String> aliases() {
        return HOSTILE.stream().filter(n -> n.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '*' || c == '?' || c == '!'
                || c == '#' || c == '"' || c == '\\')).toList();
    }

    private void assertNothingRan() throws Exception {
        try (var files = Files.list(shell.workDir())) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactlyInAnyOrder("xa", "xyz");
        }
    }

    @Test
    void bashOffersHostileBackupNamesAndAliasesAsTheyAreAndRunsNothing() throws Exception {
        assertThat(shell.bash("seatable-migrate rollback --backup-dir " + backups + " --backup ")).containsExactlyInAnyOrderElementsOf(HOSTILE);
        assertThat(shell.bash("seatable-migrate rollback --backup-dir " + backups + " --backup x")).containsExactlyInAnyOrderElementsOf(
                HOSTILE.stream().filter(n -> n.startsWith("x")).toList());
        assertThat(shell.bash("seatable-migrate rollback --backup-dir " + backups + " --backup x$")).as("the typed prefix is a prefix, not a pattern")
                .containsExactlyInAnyOrder("x$(touch${IFS}PWNED)", "x$((1+1))", "x${HOME}");
        assertThat(shell.bash("seatable-migrate rollback --backup-dir " + backups + " --backup 'x*'")).as("a glob typed is matched literally").containsExactly("x*");
        List<String> hosts = new ArrayList<>(List.of("local"));
        hosts.addAll(aliases());
        hosts.add("plain");
        assertThat(shell.bash("seatable-migrate --ssh-config " + sshConfig + " status --host ")).containsExactlyElementsOf(hosts);
        assertNothingRan();
    }

    @Test
    void zshOffersHostileBackupNamesAndAliasesAsTheyAreAndRunsNothing() throws Exception {
        assumeTrue(CompletionDriver.zshInstalled(), "zsh is not installed");
        assertThat(shell.zsh("seatable-migrate rollback --backup-dir " + backups + " --backup ")).containsExactlyInAnyOrderElementsOf(HOSTILE);
        List<String> hosts = new ArrayList<>(List.of("local"));
        hosts.addAll(aliases());
        hosts.add("plain");
        assertThat(shell.zsh("seatable-migrate --ssh-config " + sshConfig + " status --host ")).containsExactlyElementsOf(hosts);
        assertNothingRan();
    }
}

package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import seatablemigrate.core.spi.Shell;

/**
 * Runs the completion function of the generated script as a TAB press would, in bash or in zsh (as the README says to
 * use it there: sourced after bashcompinit), and returns COMPREPLY exactly (NUL-separated, so that a candidate with a
 * newline comes back as one). The shell runs in {@code workDir}, where a command smuggled into a candidate would leave
 * its files.
 */
record CompletionDriver(Path script, Path workDir) {
    /** The script {@code generate-completion} prints, written into {@code dir}. */
    static CompletionDriver generate(Path dir) throws Exception {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("generate-completion");
        assertThat(r.exit()).isZero();
        Path script = dir.resolve("completion.bash");
        Files.writeString(script, r.out());
        return new CompletionDriver(script, Files.createDirectories(dir.resolve("work")));
    }

    static boolean zshInstalled() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "zsh")));
    }

    /** What bash completes for {@code line} (the word under the cursor last). */
    List<String> bash(String line) throws Exception {
        // Outside a real TAB press bash has no completion context, in which compopt works: a no-op stands in for it.
        return run(List.of("bash"), "source " + Shell.quote(script.toString()) + "\ncompopt() { :; }\n", line);
    }

    /** What zsh completes for {@code line}: zsh then filters by the typed prefix itself, so the answer must hold the right ones. */
    List<String> zsh(String line) throws Exception {
        return run(List.of("zsh", "-f"), "autoload -U +X compinit && compinit -u\nautoload -U +X bashcompinit && bashcompinit\nsource "
                + Shell.quote(script.toString()) + "\n"
                // Outside a real TAB press there is no completion context for compopt; bashcompinit runs functions with ksh arrays.
                + "unalias compopt 2>/dev/null; function compopt { : }\nsetopt ksharrays\n", line);
    }

    private List<String> run(List<String> shell, String setup, String line) throws Exception {
        String words = line.endsWith(" ") ? line + "''" : line;
        Path driver = workDir.resolveSibling("complete-" + shell.get(0));
        Files.writeString(driver, setup + "COMP_WORDS=(" + words + ")\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\nCOMP_LINE=" + Shell.quote(line)
                + "\nCOMP_POINT=${#COMP_LINE}\n_seatable_migrate_complete\nprintf '%s\\0' \"${COMPREPLY[@]}\"\n");
        List<String> command = new java.util.ArrayList<>(shell);
        command.add(driver.toString());
        Path errors = workDir.resolveSibling("complete-" + shell.get(0) + ".err");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(errors.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out + Files.readString(errors)).isZero();
        return Arrays.stream(out.split("\0")).filter(c -> !c.isEmpty()).toList();
    }
}

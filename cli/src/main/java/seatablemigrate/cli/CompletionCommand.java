package seatablemigrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code generate-completion}: picocli's completion script for every command and option (bash, and zsh through
 * bashcompinit), followed by the candidates that depend on the machine: backup IDs after {@code --backup}, ssh_config
 * hosts after {@code --host} (a resource, {@code completion-dynamic.bash}).
 */
@Command(name = "generate-completion",
        description = "Print the bash/zsh completion script.",
        footer = {"", "Install it for this shell:", "  source <(seatable-migrate generate-completion)"})
final class CompletionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        String script = AutoComplete.bash("seatable-migrate", spec.root().commandLine());
        // The script is sourced, never run: picocli's "#!/usr/bin/env bash" would only mislead (Debian's policy for
        // completions, checked by lintian).
        if (script.startsWith("#!")) {
            script = script.substring(script.indexOf('\n') + 1);
        }
        spec.commandLine().getOut().print(script + dynamicPart());
        spec.commandLine().getOut().flush();
    }

    static String dynamicPart() {
        try (InputStream in = CompletionCommand.class.getResourceAsStream("completion-dynamic.bash")) {
            if (in == null) {
                throw new IllegalStateException("completion-dynamic.bash is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

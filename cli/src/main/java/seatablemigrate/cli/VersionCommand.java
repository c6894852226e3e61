package seatablemigrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code seatable-migrate version}: the tool's version, as {@code --version} alone prints it. */
@Command(name = "version", description = "Print the tool's version (as --version alone does).")
final class VersionCommand implements Runnable {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(new Versions.Provider().getVersion()[0]);
        spec.commandLine().getOut().flush();
    }
}

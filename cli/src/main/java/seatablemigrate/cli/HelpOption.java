package seatablemigrate.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} on every subcommand (a picocli mixin): it prints the command's help and exits 0, before
 * required options are checked. Not picocli's standard mixin, whose {@code --version} would clash with the target
 * version option of {@code plan} and {@code migrate}.
 */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}

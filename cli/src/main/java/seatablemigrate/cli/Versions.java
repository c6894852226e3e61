package seatablemigrate.cli;

/** The tool's version, one place. */
final class Versions {
    static final String TOOL = "0.1.0";

    private Versions() {}
}

package seatablemigrate.core.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import seatablemigrate.core.UsageException;

/** The two SeaTable Server editions and the image repositories that carry them. */
public enum Edition {
    ENTERPRISE("enterprise", List.of("ee"), "seatable/seatable-enterprise", List.of("seatable/seatable-ee", "seatable/seatable-enterprise-testing")),
    DEVELOPER("developer", List.of("de", "dev"), "seatable/seatable-developer", List.of("seatable/seatable"));

    private final String id;
    private final List<String> aliases;
    private final String repository;
    private final List<String> olderRepositories;

    Edition(String id, List<String> aliases, String repository, List<String> olderRepositories) {
        this.id = id;
        this.aliases = aliases;
        this.repository = repository;
        this.olderRepositories = olderRepositories;
    }

    /** The lower-case name used on the command line and in reports: {@code enterprise} or {@code developer}. */
    public String id() {
        return id;
    }

    /** The short names {@link #parse} also accepts ({@code ee}; {@code de}, {@code dev}), as the help lists them. */
    public List<String> aliases() {
        return aliases;
    }

    /** The current image repository (without registry) of this edition. */
    public String repository() {
        return repository;
    }

    public String displayName() {
        return this == ENTERPRISE ? "Enterprise Edition" : "Developer Edition";
    }

    /** Parses a command-line value: the {@link #id} or one of the {@link #aliases}, case-insensitive. */
    public static Optional<Edition> parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Edition e : values()) {
            if (e.id.equals(v) || e.aliases.contains(v)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The rule for an edition, whoever names it ({@code --to}, a plan file): {@link #parse}, else a
     * {@link seatablemigrate.core.UsageException} (exit 2) saying what is accepted.
     */
    public static Edition require(String value) {
        return parse(value).orElseThrow(() -> new UsageException("'" + value + "' is not an edition: use enterprise or developer"));
    }

    /** The edition a {@code /server-info/} answer names ({@code "enterprise edition"}), matched case-insensitively. */
    public static Optional<Edition> fromServerInfo(String edition) {
        String v = edition.toLowerCase(Locale.ROOT);
        if (v.contains("enterprise")) {
            return Optional.of(ENTERPRISE);
        }
        if (v.contains("developer")) {
            return Optional.of(DEVELOPER);
        }
        return Optional.empty();
    }

    /** The edition an image repository path (without registry, e.g. {@code seatable/seatable-ee}) belongs to. */
    public static Optional<Edition> fromRepository(String repositoryPath) {
        for (Edition e : values()) {
            if (e.repository.equals(repositoryPath) || e.olderRepositories.contains(repositoryPath)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}

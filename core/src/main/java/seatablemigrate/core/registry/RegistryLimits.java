package seatablemigrate.core.registry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What the tool grants a registry, so that a hostile or broken one can neither hold a command nor fill its memory. A
 * registry that needs more is an answer the tool refuses, with a message naming the registry.
 *
 * @param deadline        per request: the whole answer, headers and body, arrives within it (retries get their own)
 * @param maxAnswerBytes  the largest body of one answer; a longer one is refused, not cut
 * @param maxTags         the tags of one repository, over all pages
 * @param maxPages        the pages of one tag list (the list ends there, as a registry's own paging limit would)
 * @param maxIndexEntries the manifests of one image index
 */
public record RegistryLimits(Duration deadline, int maxAnswerBytes, int maxTags, int maxPages, int maxIndexEntries) {
    /** 15 s per request, 64 MiB per answer, 100,000 tags, 100 pages, 1,000 index entries. */
    public static final RegistryLimits DEFAULT = new RegistryLimits(Duration.ofSeconds(15), 64 << 20, 100_000, 100, 1_000);

    public RegistryLimits {
        requireNonNull(deadline, "deadline is null");
        if (deadline.isNegative() || deadline.isZero() || maxAnswerBytes <= 0 || maxTags <= 0 || maxPages <= 0 || maxIndexEntries <= 0) {
            throw new IllegalArgumentException("registry limits must be positive");
        }
    }

    /** These limits with another deadline (tests use short ones). */
    public RegistryLimits withDeadline(Duration d) {
        return new RegistryLimits(d, maxAnswerBytes, maxTags, maxPages, maxIndexEntries);
    }
}

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
 * @param maxPages        the pages of one tag list; a registry that names a next page after these is refused (a list
 *                        cut short could hide the newest version, so it is never taken as complete)
 * @param maxIndexEntries the manifests of one image index
 * @param budget          one whole question (every page of a tag list): a registry that answers each request just
 *                        within {@code deadline} cannot hold a command for pages times that
 */
public record RegistryLimits(Duration deadline, int maxAnswerBytes, int maxTags, int maxPages, int maxIndexEntries, Duration budget) {
    /** 15 s per request, 64 MiB per answer, 100,000 tags, 100 pages, 1,000 index entries, 60 s per question. */
    public static final RegistryLimits DEFAULT = new RegistryLimits(Duration.ofSeconds(15), 64 << 20, 100_000, 100, 1_000, Duration.ofSeconds(60));

    public RegistryLimits {
        requireNonNull(deadline, "deadline is null");
        requireNonNull(budget, "budget is null");
        if (deadline.isNegative() || deadline.isZero() || budget.isNegative() || budget.isZero() || maxAnswerBytes <= 0 || maxTags <= 0
                || maxPages <= 0 || maxIndexEntries <= 0) {
            throw new IllegalArgumentException("registry limits must be positive");
        }
    }

    /** These limits with another deadline (tests use short ones). */
    public RegistryLimits withDeadline(Duration d) {
        return new RegistryLimits(d, maxAnswerBytes, maxTags, maxPages, maxIndexEntries, budget);
    }

    /** These limits with another budget per question (tests use short ones). */
    public RegistryLimits withBudget(Duration b) {
        return new RegistryLimits(deadline, maxAnswerBytes, maxTags, maxPages, maxIndexEntries, b);
    }
}

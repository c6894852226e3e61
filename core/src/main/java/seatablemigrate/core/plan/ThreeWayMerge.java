package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A line-based three-way merge, as {@code diff3} does it: the changes from {@code base} to {@code ours} (the admin's)
 * and from {@code base} to {@code theirs} (the new release's) are both applied when they touch different lines; a
 * region both sides changed differently is a {@link Conflict}. Changes that touch or abut each other count as one region
 * (a conservative reading: an edit next to the release's edit is shown to the admin rather than guessed). Lines keep
 * their own line ends, so a merge of files that differ only where one side changed them gives those files byte for byte.
 */
public final class ThreeWayMerge {
    /** Longer files are not merged (the official files are a few hundred lines; the table is lines x lines). */
    public static final int MAX_LINES = 4000;

    private ThreeWayMerge() {}

    /**
     * One region both sides changed differently.
     *
     * @param baseLine the first line of the region in the base, counted from 1
     * @param base     the region's lines in the base
     * @param ours     what the admin made of them
     * @param theirs   what the new release made of them
     */
    public record Conflict(int baseLine, List<String> base, List<String> ours, List<String> theirs) {
        public Conflict {
            base = List.copyOf(base);
            ours = List.copyOf(ours);
            theirs = List.copyOf(theirs);
        }
    }

    /** The merged lines, or the conflicts that kept them from being merged. */
    public record Result(Optional<List<String>> merged, List<Conflict> conflicts) {
        public Result {
            requireNonNull(merged, "merged is null");
            conflicts = List.copyOf(conflicts);
        }

        /** The merged text, when there was no conflict. */
        public Optional<String> text() {
            return merged.map(lines -> String.join("", lines));
        }
    }

    /** A changed region: base lines {@code [from, to)} became {@code lines}. */
    private record Hunk(int from, int to, List<String> lines) {}

    /** Splits text into lines that keep their line ends (the last one may have none). */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** Merges the two sides' changes of {@code base}. Throws {@link IllegalArgumentException} above {@link #MAX_LINES}. */
    public static Result merge(String base, String ours, String theirs) {
        List<String> b = lines(base);
        List<String> o = lines(ours);
        List<String> t = lines(theirs);
        if (b.size() > MAX_LINES || o.size() > MAX_LINES || t.size() > MAX_LINES) {
            throw new IllegalArgumentException("a file of more than " + MAX_LINES + " lines is not merged");
        }
        List<Hunk> mine = hunks(b, o);
        List<Hunk> release = hunks(b, t);
        List<String> merged = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        int pos = 0;
        int i = 0;
        int j = 0;
        while (i < mine.size() || j < release.size()) {
            // The next region: the earliest hunk, grown by every hunk of either side that touches it.
            int from = Math.min(i < mine.size() ? mine.get(i).from() : Integer.MAX_VALUE, j < release.size() ? release.get(j).from() : Integer.MAX_VALUE);
            int to = from;
            int i0 = i;
            int j0 = j;
            boolean grew = true;
            while (grew) {
                grew = false;
                if (i < mine.size() && mine.get(i).from() <= to) {
                    to = Math.max(to, mine.get(i++).to());
                    grew = true;
                }
                if (j < release.size() && release.get(j).from() <= to) {
                    to = Math.max(to, release.get(j++).to());
                    grew = true;
                }
            }
            merged.addAll(b.subList(pos, from));
            List<String> mineHere = apply(b, mine.subList(i0, i), from, to);
            List<String> releaseHere = apply(b, release.subList(j0, j), from, to);
            if (i == i0) {
                merged.addAll(releaseHere);
            } else if (j == j0 || mineHere.equals(releaseHere)) {
                merged.addAll(mineHere);
            } else {
                conflicts.add(new Conflict(from + 1, b.subList(from, to), mineHere, releaseHere));
            }
            pos = to;
        }
        merged.addAll(b.subList(pos, b.size()));
        return conflicts.isEmpty() ? new Result(Optional.of(List.copyOf(merged)), List.of()) : new Result(Optional.empty(), conflicts);
    }

    /** Base lines {@code [from, to)} with {@code hunks} (all inside that range) applied. */
    private static List<String> apply(List<String> base, List<Hunk> hunks, int from, int to) {
        List<String> out = new ArrayList<>();
        int pos = from;
        for (Hunk h : hunks) {
            out.addAll(base.subList(pos, h.from()));
            out.addAll(h.lines());
            pos = h.to();
        }
        out.addAll(base.subList(pos, to));
        return out;
    }

    /** The changes from {@code a} to {@code b}, in order, from a longest common subsequence of their lines. */
    private static List<Hunk> hunks(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a.get(x).equals(b.get(y)) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<Hunk> out = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (x < n || y < m) {
            if (x < n && y < m && a.get(x).equals(b.get(y))) {
                x++;
                y++;
                continue;
            }
            int fromX = x;
            int fromY = y;
            while ((x < n || y < m) && !(x < n && y < m && a.get(x).equals(b.get(y)) && lcs[x][y] == lcs[x + 1][y + 1] + 1)) {
                if (y < m && (x == n || lcs[x][y + 1] >= lcs[x + 1][y])) {
                    y++;
                } else {
                    x++;
                }
            }
            out.add(new Hunk(fromX, x, List.copyOf(b.subList(fromY, y))));
        }
        return out;
    }
}

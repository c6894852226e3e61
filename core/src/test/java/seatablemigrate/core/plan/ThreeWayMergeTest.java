package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line merge of an admin's and a release's changes to one official file. */
class ThreeWayMergeTest {
    private static final String BASE = "services:\n  seatable-server:\n    image: a:1\n    environment:\n      - A=1\n      - B=2\n"
            + "    healthcheck:\n      interval: 20s\n";

    @Test
    void changesToDifferentLinesAreBothKeptByteForByte() {
        String ours = BASE.replace("      - B=2\n", "      - B=2\n      - MINE=yes\n");
        String theirs = BASE.replace("interval: 20s", "interval: 10s");
        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, ours, theirs);
        assertThat(r.conflicts()).isEmpty();
        assertThat(r.text()).contains(ours.replace("interval: 20s", "interval: 10s"));
    }

    @Test
    void theSameLineChangedDifferentlyIsAConflictThatShowsAllThree() {
        String ours = BASE.replace("image: a:1", "image: mine:1");
        String theirs = BASE.replace("image: a:1", "image: a:2");
        ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, ours, theirs);
        assertThat(r.merged()).isEmpty();
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.baseLine()).isEqualTo(3);
            assertThat(c.base()).containsExactly("    image: a:1\n");
            assertThat(c.ours()).containsExactly("    image: mine:1\n");
            assertThat(c.theirs()).containsExactly("    image: a:2\n");
        });
    }

    @Test
    void changesThatAbutAreShownRatherThanGuessed() {
        String ours = BASE.replace("      - A=1\n", "      - A=9\n");
        String theirs = BASE.replace("      - B=2\n", "      - B=3\n");
        assertThat(ThreeWayMerge.merge(BASE, ours, theirs).conflicts()).hasSize(1);
    }

    @Test
    void theSameChangeOnBothSidesIsNoConflict() {
        String both = BASE.replace("a:1", "a:2");
        assertThat(ThreeWayMerge.merge(BASE, both, both).text()).contains(both);
    }

    @Test
    void aFileWithoutAFinalNewlineKeepsItsEnd() {
        String base = "a\nb\nc";
        assertThat(ThreeWayMerge.merge(base, "a\nb\nc\nd", "A\nb\nc").text()).contains("A\nb\nc\nd");
        assertThat(ThreeWayMerge.lines("x\r\ny")).containsExactly("x\r\n", "y");
    }

    /**
     * Over random files: a side that changed nothing yields the other side; both sides alike yield it; edits far apart
     * (one in the first half, one in the second, with untouched lines between) are both in the result.
     */
    @Test
    void propertiesOverGeneratedFiles() {
        Random random = new Random(25);
        for (int round = 0; round < 3000; round++) {
            List<String> base = lines(random, 6 + random.nextInt(30));
            int n = base.size();
            int h = n / 2;
            List<String> ours = edit(random, base, 0, h - 2);
            List<String> theirs = edit(random, base, h + 2, n);
            String b = String.join("", base);
            String o = String.join("", ours);
            String t = String.join("", theirs);
            assertThat(ThreeWayMerge.merge(b, b, t).text()).as("ours unchanged").contains(t);
            assertThat(ThreeWayMerge.merge(b, o, b).text()).as("theirs unchanged").contains(o);
            assertThat(ThreeWayMerge.merge(b, o, o).text()).as("alike").contains(o);
            ThreeWayMerge.Result both = ThreeWayMerge.merge(b, o, t);
            List<String> expected = new ArrayList<>(ours.subList(0, ours.size() - (n - (h - 2))));
            expected.addAll(base.subList(h - 2, h + 2));
            expected.addAll(theirs.subList(h + 2, theirs.size()));
            assertThat(both.text()).as("far apart: %s / %s / %s", b, o, t).contains(String.join("", expected));
        }
    }

    /** Distinct lines, so that the far-apart edits are told apart by position alone. */
    private static List<String> lines(Random random, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("line " + i + " " + random.nextInt(3) + "\n");
        }
        return out;
    }

    /** {@code base} with its lines in {@code [from, to)} changed: one replaced, one removed or one inserted. */
    private static List<String> edit(Random random, List<String> base, int from, int to) {
        List<String> out = new ArrayList<>(base);
        if (to <= from) {
            return out;
        }
        int at = from + random.nextInt(to - from);
        switch (random.nextInt(3)) {
            case 0 -> out.set(at, "changed " + random.nextInt(1000) + "\n");
            case 1 -> out.remove(at);
            default -> out.add(at, "inserted " + random.nextInt(1000) + "\n");
        }
        return out;
    }
}

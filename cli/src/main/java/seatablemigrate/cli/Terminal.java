package seatablemigrate.cli;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Where the output to people goes, decided once at start-up ({@link #detect}) for the help, the check lines, the
 * progress line and the fleet's live view, so that they agree.
 *
 * @param controls whether the tool may move the cursor (a progress line rewritten in place, a live view): stdout is a
 *                 terminal ({@link System#console()}) whose {@code TERM} is not {@code dumb}; never in a pipe or a log
 * @param colour   whether text may be coloured: a terminal as above and no {@code NO_COLOR} (https://no-color.org:
 *                 present and not empty turns colour off)
 * @param columns  the width {@code COLUMNS} asks for (a positive number), which wins over the terminal's own, as for
 *                 ls(1); empty when unset or not a number
 */
record Terminal(boolean controls, boolean colour, OptionalInt columns) {
    /** Not a terminal: plain text at the default width (tests, a fleet's per-host logs). */
    static final Terminal NONE = new Terminal(false, false, OptionalInt.empty());
    /** Wider than any screen: a COLUMNS beyond it is a mistake, not a width. */
    private static final int MAX_COLUMNS = 1000;

    Terminal {
        if (colour && !controls) {
            throw new IllegalArgumentException("colour needs a terminal");
        }
        columns.ifPresent(c -> {
            if (c <= 0) {
                throw new IllegalArgumentException("columns must be positive: " + c);
            }
        });
    }

    /** This process's terminal and environment. */
    static Terminal detect() {
        return of(System.getenv(), System.console() != null);
    }

    /** The decision, from the environment {@code env} and whether stdout is a terminal ({@code console}). */
    static Terminal of(Map<String, String> env, boolean console) {
        boolean controls = console && !"dumb".equals(env.get("TERM"));
        String noColor = env.get("NO_COLOR");
        boolean colour = controls && (noColor == null || noColor.isEmpty());
        return new Terminal(controls, colour, columns(env.get("COLUMNS")));
    }

    private static OptionalInt columns(String value) {
        if (value == null || !value.strip().matches("[0-9]{1,4}")) {
            return OptionalInt.empty();
        }
        int n = Integer.parseInt(value.strip());
        return n > 0 && n <= MAX_COLUMNS ? OptionalInt.of(n) : OptionalInt.empty();
    }
}

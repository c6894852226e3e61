package seatablemigrate.cli;

/** The answer to a [y/N] question on the terminal. */
final class Prompt {
    private Prompt() {}

    /** Yes is {@code y} or {@code yes} in any case, blanks around ignored; anything else, and end of input, is no. */
    static boolean accepted(String answer) {
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}

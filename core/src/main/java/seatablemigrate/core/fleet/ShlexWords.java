package seatablemigrate.core.fleet;

import java.util.ArrayList;
import java.util.List;
import seatablemigrate.core.UsageException;

/** The words of an INI inventory's host line, split as Ansible splits them. */
final class ShlexWords {
    private ShlexWords() {}

    /**
     * A host line split as Ansible splits it (Python's shlex in POSIX mode, comments on): blanks separate words outside
     * quotes, quotes are removed and quoted parts joined ({@code 'o'"'"'brien'} is {@code o'brien}), a backslash escapes
     * the next character outside single quotes, {@code #} starts a comment at the start of a word.
     */
    static List<String> split(String line, String where) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\\\"$`".indexOf(line.charAt(i + 1)) >= 0) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (c == '#' && !inWord) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UsageException(where + ": a quote is not closed");
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }

}

package seatablemigrate.core.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;

/**
 * A Compose {@code .env} file, kept byte for byte. Values are read the way Compose reads them (bare, {@code '...'}
 * or {@code "..."}, optional {@code export}); {@link #withValue} changes one key's value and nothing else: every
 * other byte, comment, blank line, quoting style and line ending survives. Its {@code toString} shows no values:
 * a {@code .env} holds passwords.
 */
public final class EnvFile {
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^(\uFEFF?[ \\t]*(?:export[ \\t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)([ \\t]*=[ \\t]*)(.*?)(\\r?\\n)?$", Pattern.DOTALL);
    /** Key names that hold secrets (compared upper-cased): SMTP_PASS, DB_PASSWD, JWT_SECRET, API_TOKEN, *_KEY, *_AUTH, ..._PWD. */
    private static final Pattern SECRET_KEY = Pattern.compile(".*(PASS|SECRET|TOKEN|KEY|AUTH|PWD).*");

    private final byte[] bytes;
    private final List<Line> lines;

    private record Line(String text, Optional<Assignment> assignment) {}

    /** One {@code KEY=VALUE} line, split into the parts that an edit must keep. */
    private record Assignment(String prefix, String key, String separator, char quote, String value, String rest,
                              String newline) {}

    private EnvFile(byte[] bytes, List<Line> lines) {
        this.bytes = bytes;
        this.lines = lines;
    }

    /** Parses a file's bytes (UTF-8). Throws {@link EnvFileFormatException} naming the line that cannot be read. */
    public static EnvFile parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(start, end);
            lineNo++;
            lines.add(new Line(line, parseLine(line, lineNo, text, end)));
            start = end;
        }
        return new EnvFile(bytes.clone(), List.copyOf(lines));
    }

    /** @param next where the lines after this one start in {@code text}: a quoted value this line does not close may end there */
    private static Optional<Assignment> parseLine(String line, int lineNo, String text, int next) {
        String content = (line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
        if (content.isEmpty() || content.startsWith("#")) {
            return Optional.empty();
        }
        Matcher m = ASSIGNMENT.matcher(line);
        if (!m.matches()) {
            throw new EnvFileFormatException(lineNo, "expected KEY=VALUE, a comment or a blank line");
        }
        String raw = m.group(4);
        String newline = m.group(5) == null ? "" : m.group(5);
        char quote = raw.isEmpty() ? 0 : raw.charAt(0);
        if (quote == '\'' || quote == '"') {
            int close = raw.indexOf(quote, 1);
            while (quote == '"' && close > 0 && raw.charAt(close - 1) == '\\') {
                close = raw.indexOf(quote, close + 1);
            }
            if (close < 0) {
                int last = closingLine(text, next, quote).map(n -> lineNo + n).orElse(lineNo);
                throw last == lineNo ? new EnvFileFormatException(lineNo, "the value of " + m.group(2) + " has no closing " + quote)
                        : new EnvFileFormatException(lineNo, last, "the value of " + m.group(2) + " spans " + (last - lineNo + 1) + " lines (a quoted"
                        + " value with line breaks: Compose reads it, but the switch edits .env line by line): write it on one line");
            }
            String rest = raw.substring(close + 1);
            if (!rest.isBlank() && !rest.strip().startsWith("#")) {
                throw new EnvFileFormatException(lineNo, "unexpected text after the quoted value of " + m.group(2));
            }
            return Optional.of(new Assignment(m.group(1), m.group(2), m.group(3), quote, raw.substring(1, close), rest, newline));
        }
        int comment = raw.indexOf(" #");
        String value = comment < 0 ? raw : raw.substring(0, comment);
        String rest = comment < 0 ? "" : raw.substring(comment);
        String trimmed = value.stripTrailing();
        rest = value.substring(trimmed.length()) + rest;
        return Optional.of(new Assignment(m.group(1), m.group(2), m.group(3), (char) 0, trimmed, rest, newline));
    }

    /**
     * Which of the lines of {@code text} from {@code from} on (1 for the first) holds the closing {@code quote} of a
     * value opened before it (for {@code "}, one not escaped with a backslash); empty when none does.
     */
    private static Optional<Integer> closingLine(String text, int from, char quote) {
        int n = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return Optional.of(n);
            } else if (c == '\n') {
                n++;
            }
        }
        return Optional.empty();
    }

    /** The value of the last assignment of {@code key} (the one Compose uses), unquoted. */
    public Optional<String> get(String key) {
        String found = null;
        for (Line l : lines) {
            if (l.assignment.isPresent() && l.assignment.get().key.equals(key)) {
                found = l.assignment.get().value;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The keys in order of first appearance. */
    public List<String> keys() {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        lines.forEach(l -> l.assignment.ifPresent(a -> keys.put(a.key, true)));
        return List.copyOf(keys.keySet());
    }

    /**
     * Whether a variable's name says it holds a secret (a password, key or token), by the rule above: for {@code .env}
     * keys, and for the tool's own environment variables, which child programs do not inherit.
     */
    public static boolean namesSecret(String key) {
        return SECRET_KEY.matcher(key.toUpperCase(Locale.ROOT)).matches();
    }

    /** Values whose key names a secret (passwords, keys, tokens): what logs must mask. */
    public List<Secret> secretValues() {
        List<Secret> out = new ArrayList<>();
        for (Line l : lines) {
            l.assignment.filter(a -> namesSecret(a.key) && !a.value.isEmpty())
                    .ifPresent(a -> out.add(Secret.of(a.value)));
        }
        return out;
    }

    /**
     * This file with {@code key} added as a secret of {@code hexDigits} random hex digits from {@code random}, unless the
     * key is set already (then this file, unchanged): what {@code FileEdit.AddGeneratedSecret} does on the host.
     */
    public EnvFile withSecretIfAbsent(String key, int hexDigits, RandomGenerator random) {
        if (get(key).isPresent()) {
            return this;
        }
        byte[] bytes = new byte[hexDigits / 2];
        random.nextBytes(bytes);
        return withValue(key, HexFormat.of().formatHex(bytes));
    }

    /**
     * This file with {@code key} set to {@code value}: every assignment of the key is rewritten in its own quoting
     * style; when the key is absent one line {@code KEY='value'} is appended. No other byte changes.
     */
    public EnvFile withValue(String key, String value) {
        requireWritable(key, value);
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        for (Line l : lines) {
            if (l.assignment.isPresent() && l.assignment.get().key.equals(key)) {
                Assignment a = l.assignment.get();
                String quoted = a.quote == 0 ? value : a.quote + value + a.quote;
                out.append(a.prefix).append(a.key).append(a.separator).append(quoted).append(a.rest).append(a.newline);
                replaced = true;
            } else {
                out.append(l.text);
            }
        }
        if (!replaced) {
            String newline = dominantNewline();
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append(newline);
            }
            out.append(key).append("='").append(value).append('\'').append(newline);
        }
        return parse(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Refuses a key or value that an edit could not write as itself: the value goes between the line's own quotes
     * (or bare), so quotes, {@code $}, {@code #}, backslashes and control characters would change its meaning.
     * One rule for the Java edit and its shell form.
     */
    public static void requireWritable(String key, String value) {
        if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + key + "' is not a .env key this edit writes");
        }
        if (value.chars().anyMatch(c -> c == '\'' || c == '"' || c == '\\' || c == '$' || c == '#' || c == '`' || c == ' '
                || Character.isISOControl(c))) {
            throw new IllegalArgumentException("value for " + key + " contains a character this edit does not quote");
        }
    }

    private String dominantNewline() {
        long crlf = lines.stream().filter(l -> l.text.endsWith("\r\n")).count();
        long terminated = lines.stream().filter(l -> l.text.endsWith("\n")).count();
        return crlf * 2 > terminated ? "\r\n" : "\n";
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public Sha256 sha256() {
        return Sha256.of(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvFile e && Arrays.equals(e.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "EnvFile[" + keys().size() + " keys, sha256 " + sha256().shortHex() + "]";
    }
}

package seatablemigrate.core.model;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks a set of secret values in text meant for people (a log line, a file's lines shown in a message): a value of four
 * characters or more wherever it appears, a shorter one only where it stands as a word of its own (masking every "ab"
 * inside other words would garble messages and hint at it). Longer values are masked first, so that one secret containing
 * another is masked whole.
 */
public final class SecretMask {
    /** Masks nothing. */
    public static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> values;

    public SecretMask(List<Secret> secrets) {
        this.values = secrets.stream().map(Secret::reveal).filter(v -> !v.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code text} with every secret shown as {@link Secret#MASK}. */
    public String mask(String text) {
        String out = text;
        for (String s : values) {
            out = s.length() >= 4 ? out.replace(s, Secret.MASK)
                    : out.replaceAll("(?<![\\p{L}\\p{N}])" + Pattern.quote(s) + "(?![\\p{L}\\p{N}])", Matcher.quoteReplacement(Secret.MASK));
        }
        return out;
    }
}

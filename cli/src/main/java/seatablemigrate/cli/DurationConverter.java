package seatablemigrate.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 90s}, {@code 5m}, {@code 1h}, {@code 30d} or {@code 1m30s}. */
public final class DurationConverter implements ITypeConverter<Duration> {
    /** Days, hours, minutes and seconds, each at most once and in that order, at least one. */
    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(v);
        if (v.isEmpty() || !m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 5m, 1h or 30d");
        }
        // java.time reads the ISO-8601 form of the same value: 1d2h -> P1DT2H.
        String iso = "P" + (m.group(1) == null ? "0" : m.group(1)) + "DT" + (m.group(2) == null ? "0" : m.group(2)) + "H"
                + (m.group(3) == null ? "0" : m.group(3)) + "M" + (m.group(4) == null ? "0" : m.group(4)) + "S";
        Duration d = Duration.parse(iso);
        if (d.isZero()) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 5m, 1h or 30d");
        }
        return d;
    }
}

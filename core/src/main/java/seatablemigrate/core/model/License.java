package seatablemigrate.core.model;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code seatable-license.txt} says: lines {@code Key = "value"}. Only read, never rewritten (the
 * {@code Hash} line signs it). An empty file is SeaTable's placeholder and counts as expired.
 */
public record License(Optional<String> name, Optional<LocalDate> expiration, boolean lifetime, OptionalInt maxUsers,
                      Sha256 sha256, boolean empty) {
    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z]+)\\s*=\\s*\"([^\"]*)\"\\s*$");

    /** Parses the file; throws {@link LicenseFormatException} when it is not empty and has no readable expiry. */
    public static License parse(byte[] bytes) {
        Sha256 sum = Sha256.of(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new License(Optional.empty(), Optional.empty(), false, OptionalInt.empty(), sum, true);
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\\r?\\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                fields.put(m.group(1), m.group(2));
            }
        }
        String exp = fields.get("Expiration");
        if (exp == null) {
            throw new LicenseFormatException("it has no Expiration line");
        }
        LocalDate expiration;
        try {
            expiration = LocalDate.parse(exp.trim());
        } catch (DateTimeParseException e) {
            throw new LicenseFormatException("its Expiration is not a date (YYYY-MM-DD)");
        }
        OptionalInt users = OptionalInt.empty();
        try {
            if (fields.containsKey("MaxUsers")) {
                users = OptionalInt.of(Integer.parseInt(fields.get("MaxUsers").trim()));
            }
        } catch (NumberFormatException e) {
            throw new LicenseFormatException("its MaxUsers is not a number");
        }
        boolean lifetime = "life-time".equalsIgnoreCase(fields.getOrDefault("Mode", "").trim());
        return new License(Optional.ofNullable(fields.get("Name")), Optional.of(expiration), lifetime, users, sum, false);
    }

    /** Expired on {@code today}: expiry is at 00:00 of the Expiration day unless the mode is life-time. */
    public boolean isExpiredOn(LocalDate today) {
        if (empty) {
            return true;
        }
        return !lifetime && !today.isBefore(expiration.orElseThrow());
    }

    /** One line for reports: expiry and users, no key material. */
    public String summary() {
        if (empty) {
            return "empty placeholder";
        }
        String users = maxUsers.isPresent() ? maxUsers.getAsInt() + " users" : "users not stated";
        String until = lifetime ? "life-time" : "valid until " + expiration.orElseThrow();
        return until + ", " + users;
    }
}

package seatablemigrate.backend.ssh;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * OpenSSH's host patterns ({@code *} any run, {@code ?} one character, everything else literal, case-insensitive),
 * as ssh_config {@code Host} lines and known_hosts lines use them. Whatever a pattern holds ({@code db[1}, a
 * regex character), it is matched literally, never compiled as given.
 */
final class HostPattern {
    private HostPattern() {}

    static boolean matches(String glob, String host) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(re.toString(), host.toLowerCase(Locale.ROOT));
    }
}

package seatablemigrate.backend.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.LocalCommand;
import seatablemigrate.core.spi.Shell;

/**
 * A host's client configuration as OpenSSH itself evaluates it ({@code ssh -G}): {@code Include}, {@code Match},
 * the system-wide file and every rule of precedence, exactly as the admin's own {@code ssh} would connect. The result
 * has the shape {@link SshConfigFile#forHost} gives (keyword in lower case to values; IdentityFile accumulates), which
 * stays the fallback where no OpenSSH client is installed.
 */
final class OpenSshConfig {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private OpenSshConfig() {}

    /**
     * @param configFile the file given with {@code --ssh-config}; empty for OpenSSH's own choice (~/.ssh/config and
     *                   the system-wide file)
     * @return empty when there is no {@code ssh} to ask; a configuration OpenSSH rejects is a usage error in its words
     */
    static Optional<Map<String, List<String>>> resolve(Optional<Path> configFile, String host) {
        if (host.isEmpty() || host.startsWith("-")) {
            throw new UsageException("'" + Shell.printable(host) + "' is not a host name");
        }
        if (LocalCommand.onPath("ssh").isEmpty()) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(List.of("ssh", "-G"));
        configFile.ifPresent(f -> argv.addAll(List.of("-F", f.toString())));
        argv.add(host);
        ExecResult r = LocalCommand.of(argv, TIMEOUT).withOutputLimit(1 << 20).run();
        if (r.exitCode().isEmpty()) {
            throw new UsageException("'ssh -G " + host + "' did not answer within " + TIMEOUT.toSeconds() + " s");
        }
        if (!r.succeeded()) {
            String why = r.stderr().strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + r.exitCode().getAsInt());
            throw new UsageException("the ssh configuration for host " + host + " is not valid: " + Shell.printable(why));
        }
        return Optional.of(parse(r.stdout()));
    }

    /** {@code ssh -G}'s output: one {@code keyword value} per line. */
    static Map<String, List<String>> parse(String output) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] kv = line.strip().split(" ", 2);
            if (kv.length == 2 && !kv[1].isBlank()) {
                String key = kv[0].toLowerCase(Locale.ROOT);
                if (key.equals("identityfile")) {
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(kv[1]);
                } else {
                    out.putIfAbsent(key, List.of(kv[1]));
                }
            }
        }
        return out;
    }
}

package seatablemigrate.backend.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.spi.Shell;

/**
 * A host's client configuration as OpenSSH itself evaluates it ({@code ssh -G}): {@code Include}, {@code Match},
 * the system-wide file and every rule of precedence, exactly as the admin's own {@code ssh} would connect. The result
 * has the shape {@link SshConfigFile#forHost} gives (keyword in lower case to values; IdentityFile accumulates), which
 * stays the fallback where no OpenSSH client is installed.
 */
final class OpenSshConfig {
    private static final long TIMEOUT_SECONDS = 10;

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
        List<String> argv = new ArrayList<>(List.of("ssh", "-G"));
        configFile.ifPresent(f -> argv.addAll(List.of("-F", f.toString())));
        argv.add(host);
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UsageException("'ssh -G " + host + "' did not answer within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String why = err.join().strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + p.exitValue());
                throw new UsageException("the ssh configuration for host " + host + " is not valid: " + Shell.printable(why));
            }
            return Optional.of(parse(out));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new UsageException("interrupted while reading the ssh configuration");
        }
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

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

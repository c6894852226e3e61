package seatablemigrate.core.spi;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import seatablemigrate.core.ThreadPerTask;
import seatablemigrate.core.model.EnvFile;

/**
 * A program run on the machine the tool runs on (Compose, {@code ansible-inventory}, {@code ssh -G}, a credential
 * helper): the one place that starts processes, finds programs on {@code PATH} and bounds them in time. Stdin is the
 * given bytes, else {@code /dev/null}; stdout and stderr are read concurrently (a process blocked on a full pipe
 * never finishes) and decoded as UTF-8. The environment is the tool's without its own secrets
 * ({@link #isToolSecret}: {@code SEATABLE_MIGRATE_SSH_PASSPHRASE} and any other of its variables whose name says
 * secret): a dynamic inventory script, a credential helper, {@code ssh -G}'s {@code Match exec} or a Compose plugin
 * has no use for the key's passphrase. The user's other variables stay, since those programs run on them (cloud keys
 * for inventory plugins and credential helpers, Ansible's vault password file, the ssh-agent's socket). An immutable
 * value: each {@code with} method returns a new command.
 */
public final class LocalCommand {
    /** The prefix of the tool's own environment variables. */
    private static final String TOOL_PREFIX = "SEATABLE_MIGRATE_";
    private static final Executor DRAIN = new ThreadPerTask("seatable-migrate-process-output");
    private final List<String> argv;
    private final Duration timeout;
    private final Optional<Path> dir;
    private final Optional<byte[]> input;
    private final List<String> unset;
    private final Map<String, String> extraEnv;
    private final long outputLimit;

    private LocalCommand(List<String> argv, Duration timeout, Optional<Path> dir, Optional<byte[]> input, List<String> unset,
                         Map<String, String> extraEnv, long outputLimit) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        this.argv = List.copyOf(argv);
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.dir = dir;
        this.input = input.map(byte[]::clone);
        this.unset = List.copyOf(unset);
        this.extraEnv = Map.copyOf(extraEnv);
        this.outputLimit = outputLimit;
    }

    /** {@code argv} (program first), killed with its children after {@code timeout}. */
    public static LocalCommand of(List<String> argv, Duration timeout) {
        return new LocalCommand(argv, timeout, Optional.empty(), Optional.empty(), List.of(), Map.of(), Long.MAX_VALUE);
    }

    /** Runs in {@code dir} instead of the tool's working directory. */
    public LocalCommand in(Path dir) {
        return new LocalCommand(argv, timeout, Optional.of(dir), input, unset, extraEnv, outputLimit);
    }

    /** Gives the process these bytes on stdin (then end of file). */
    public LocalCommand withInput(byte[] bytes) {
        return new LocalCommand(argv, timeout, dir, Optional.of(bytes), unset, extraEnv, outputLimit);
    }

    /** The tool's environment without the variables {@code unset}, with {@code extra} added. */
    public LocalCommand withEnvironment(List<String> unset, Map<String, String> extra) {
        return new LocalCommand(argv, timeout, dir, input, unset, extra, outputLimit);
    }

    /**
     * Keeps at most {@code bytes} of each stream (the rest is read and dropped, so the process never blocks on a
     * full pipe): for programs whose answer is small and whose output must not fill the tool's memory.
     */
    public LocalCommand withOutputLimit(long bytes) {
        return new LocalCommand(argv, timeout, dir, input, unset, extraEnv, bytes);
    }

    /**
     * Runs the command and waits for it. A program that cannot be started is exit code 127 (as a shell says it); a
     * timeout or an interrupt kills the process and its descendants and is an empty exit code with the reason on
     * stderr. Never throws for what the process does.
     */
    public ExecResult run() {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(input.isPresent() ? ProcessBuilder.Redirect.PIPE
                : ProcessBuilder.Redirect.from(new File("/dev/null")));
        dir.ifPresent(d -> pb.directory(d.toFile()));
        pb.environment().keySet().removeIf(LocalCommand::isToolSecret);
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(extraEnv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return ExecResult.of(127, "", argv.get(0) + ": not found");
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream(), outputLimit), DRAIN);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream(), outputLimit), DRAIN);
        // Written beside the wait, so that a process that never reads its stdin is bounded by the timeout too.
        input.ifPresent(bytes -> DRAIN.execute(() -> {
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write(bytes);
            } catch (IOException e) {
                // The process closed stdin early (or was killed); what it did is in its exit code and output.
            }
        }));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                return new ExecResult(OptionalInt.empty(), "", String.join(" ", argv) + ": timed out after " + timeout.toSeconds() + " s");
            }
            return ExecResult.of(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            return new ExecResult(OptionalInt.empty(), "", String.join(" ", argv) + ": interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return new ExecResult(OptionalInt.empty(), "", "the output of " + argv.get(0) + " could not be read: " + e.getMessage());
        }
    }

    /**
     * Whether a child program is denied the variable {@code name}: one of the tool's own ({@code SEATABLE_MIGRATE_*})
     * whose name says secret by the rule {@code .env} secrets are recognised by ({@link EnvFile#namesSecret}).
     */
    public static boolean isToolSecret(String name) {
        return name.startsWith(TOOL_PREFIX) && EnvFile.namesSecret(name);
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static String drain(InputStream in, long limit) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                int keep = (int) Math.min(n, Math.max(0, limit - buf.size()));
                buf.write(chunk, 0, keep);
            }
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folders of this process's {@code PATH}, in order (a missing PATH is the usual system one). */
    public static List<Path> searchPath() {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        List<Path> out = new ArrayList<>();
        for (String d : path.split(":")) {
            if (!d.isEmpty()) {
                out.add(Path.of(d));
            }
        }
        return out;
    }

    /** Where a shell would find {@code program}: as given when it holds a slash, else the first executable in the folders. */
    public static Optional<Path> find(String program, List<Path> folders) {
        if (program.contains("/")) {
            return Optional.of(Path.of(program)).filter(Files::isExecutable);
        }
        return folders.stream().map(d -> d.resolve(program)).filter(Files::isExecutable).findFirst();
    }

    /** {@link #find} on this process's {@code PATH}. */
    public static Optional<Path> onPath(String program) {
        return find(program, searchPath());
    }
}

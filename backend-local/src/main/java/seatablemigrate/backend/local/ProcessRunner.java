package seatablemigrate.backend.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import seatablemigrate.core.spi.ExecResult;

/** Runs a local process with a timeout, reading stdout and stderr concurrently. A missing program exits 127. */
final class ProcessRunner {
    private static final java.util.concurrent.Executor DRAIN = new seatablemigrate.core.ThreadPerTask("seatable-migrate-process-output");

    private ProcessRunner() {}

    static ExecResult run(List<String> argv, Path dir, List<String> unset, Map<String, String> extraEnv, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(extraEnv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return ExecResult.of(127, "", argv.get(0) + ": not found");
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), DRAIN);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), DRAIN);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new ExecResult(java.util.OptionalInt.empty(), "", String.join(" ", argv) + ": timed out after " + timeout.toSeconds() + " s");
            }
            return ExecResult.of(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new ExecResult(java.util.OptionalInt.empty(), "", "interrupted");
        } catch (Exception e) {
            return new ExecResult(java.util.OptionalInt.empty(), "", "output could not be read: " + e.getMessage());
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

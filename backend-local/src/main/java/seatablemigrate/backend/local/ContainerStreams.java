package seatablemigrate.backend.local;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.ProgressListener;

/**
 * Commands in containers with their streams attached, through the engine's exec API: output to memory or to a file,
 * a file to a command's stdin (a database dump and its load, gigabytes possibly), no TTY, each bounded by its timeout.
 */
final class ContainerStreams {
    private final Engine engine;

    ContainerStreams(Engine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    /**
     * Runs a command in a container without a TTY, with {@code stdin} as its input if given; stdout goes to
     * {@code out} exactly. Empty code on timeout.
     */
    OptionalInt execInto(String container, List<String> command, Optional<InputStream> stdin, Duration timeout,
                                 OutputStream out, OutputStream err, ProgressListener progress) {
        String id;
        try {
            id = engine.call(() -> engine.client().execCreateCmd(container).withCmd(command.toArray(String[]::new))
                    .withAttachStdin(stdin.isPresent()).withAttachStdout(true).withAttachStderr(true).withTty(false).exec().getId());
        } catch (NotFoundException | ConflictException e) {
            // 404: no such container; 409: it is not running or is restarting. A failed command, as 'docker exec' exits 1.
            writeQuietly(err, "container " + container + " cannot run commands: " + e.getMessage());
            return OptionalInt.of(1);
        }
        AtomicLong written = new AtomicLong();
        List<IOException> failures = new ArrayList<>();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
                        out.write(frame.getPayload());
                        progress.progress(written.addAndGet(frame.getPayload().length), -1, "bytes", "");
                    } else if (frame.getStreamType() == StreamType.STDERR) {
                        err.write(frame.getPayload());
                    }
                } catch (IOException e) {
                    failures.add(e);
                }
            }
        };
        try {
            var start = engine.client().execStartCmd(id).withDetach(false).withTty(false);
            stdin.ifPresent(start::withStdIn);
            start.exec(callback);
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                callback.close();
                writeQuietly(err, "timed out after " + timeout.toSeconds() + " s");
                return OptionalInt.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (RuntimeException e) {
            throw new HostUnavailableException("exec in " + container + " failed: " + Engine.rootMessage(e), e);
        }
        if (!failures.isEmpty()) {
            throw new ChangeFailedException("writing the output of a command in " + container + " failed: " + failures.get(0).getMessage());
        }
        Long exit = engine.call(() -> engine.client().inspectExecCmd(id).exec().getExitCodeLong());
        return exit == null ? OptionalInt.empty() : OptionalInt.of(exit.intValue());
    }

    private static void writeQuietly(OutputStream s, String text) {
        try {
            s.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // only a message
        }
    }

    /** Streams the host file into the command's stdin inside its container. */
    void load(EngineChange.FileToContainer l, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code;
        try (InputStream in = Files.newInputStream(l.source())) {
            code = execInto(l.container(), l.command(), Optional.of(in), timeout, out, err, ProgressListener.NONE);
        }
        if (code.isEmpty() || code.getAsInt() != 0) {
            throw new ChangeFailedException("'" + l.describe() + "' failed ("
                    + new ExecResult(code, "", err.toString(StandardCharsets.UTF_8)).describe() + ")");
        }
    }

    /** Streams the command's stdout from its container into the target file (made anew, mode 0600), reporting bytes. */
    void dump(EngineChange.ContainerToFile d, Duration timeout, ProgressListener progress) throws IOException {
        Files.deleteIfExists(d.target());
        Files.createFile(d.target(), PosixFilePermissions.asFileAttribute(FileStat.permissions(0600)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(d.target(), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
            code = execInto(d.container(), d.command(), Optional.empty(), timeout, out, err, progress);
        }
        if (code.isEmpty() || code.getAsInt() != 0) {
            ExecResult r = new ExecResult(code, "", err.toString(StandardCharsets.UTF_8));
            throw new ChangeFailedException("'" + d.describe() + "' in container " + d.container() + " failed (" + r.describe() + ")");
        }
    }
}

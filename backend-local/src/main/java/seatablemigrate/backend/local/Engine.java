package seatablemigrate.backend.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.SSLConfig;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import seatablemigrate.core.HostUnavailableException;

/**
 * The local Docker engine through docker-java: one client made on first use (DOCKER_HOST, TLS as configured; a Unix
 * socket without TLS), each request bounded by {@link #TIMEOUT}, transport failures turned into
 * {@link HostUnavailableException} with the engine's own words. Thread-safe.
 */
final class Engine implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private DockerClient docker;
    private String address = "the local Docker socket";

    /** The client, made on first use. */
    synchronized DockerClient client() {
        if (docker == null) {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            address = config.getDockerHost().toString();
            SSLConfig tls = config.getSSLConfig() == null && "unix".equals(config.getDockerHost().getScheme()) ? NoTls.INSTANCE
                    : config.getSSLConfig();
            var http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).sslConfig(tls)
                    .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(TIMEOUT).build();
            docker = DockerClientImpl.getInstance(config, http);
        }
        return docker;
    }

    /** Runs an engine call; transport failures become {@link HostUnavailableException}. */
    <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException | ConflictException e) {
            throw e;
        } catch (DockerException e) {
            throw new HostUnavailableException("the Docker engine on the local host answered with an error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new HostUnavailableException(silence(address(), rootMessage(e)), e);
        }
    }

    private synchronized String address() {
        return address;
    }

    /**
     * Why the engine at {@code address} does not answer, and what to do, in one clause: a socket this user may not use
     * needs another user; anything else (no socket, nothing listening, no answer) an engine that runs.
     */
    static String silence(String address, String reason) {
        if (reason.toLowerCase(Locale.ROOT).contains("permission denied")) {
            return "Docker engine at " + address + " does not let this user in (permission denied): run as root or as a member of the docker group";
        }
        return "Docker engine does not answer at " + address + " (" + reason.toLowerCase(Locale.ROOT)
                + "): start it (systemctl start docker)";
    }

    /** The engine's own words from an error body ({@code Status 500: {"message":"..."}}), else the text as it is. */
    static String message(String text) {
        Matcher m = Pattern.compile("\\{\\s*\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : text;
    }

    /** The innermost cause's own words; never a Java class name, which tells an admin nothing. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? "no answer" : t.getMessage();
    }

    @Override
    public synchronized void close() {
        if (docker != null) {
            try {
                docker.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}

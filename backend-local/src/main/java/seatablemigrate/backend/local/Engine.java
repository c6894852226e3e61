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
import seatablemigrate.core.HostUnavailableException;

/**
 * The local Docker engine through docker-java: one client made on first use (DOCKER_HOST, TLS as configured; a Unix
 * socket without TLS), each request bounded by {@link #TIMEOUT}, transport failures turned into
 * {@link HostUnavailableException} with the engine's own words. Thread-safe.
 */
final class Engine implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private DockerClient docker;

    /** The client, made on first use. */
    synchronized DockerClient client() {
        if (docker == null) {
            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
            SSLConfig tls = config.getSSLConfig() == null && "unix".equals(config.getDockerHost().getScheme()) ? NoTls.INSTANCE
                    : config.getSSLConfig();
            var http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).sslConfig(tls)
                    .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(TIMEOUT).build();
            docker = DockerClientImpl.getInstance(config, http);
        }
        return docker;
    }

    /** Runs an engine call; transport failures become {@link HostUnavailableException}. */
    <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException | ConflictException e) {
            throw e;
        } catch (DockerException e) {
            throw new HostUnavailableException("the Docker engine on the local host answered with an error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new HostUnavailableException("the Docker engine on the local host does not answer ("
                    + rootMessage(e) + "); is dockerd running and DOCKER_HOST right?", e);
        }
    }

    /** The engine's own words from an error body ({@code Status 500: {"message":"..."}}), else the text as it is. */
    static String message(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\s*\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : text;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
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

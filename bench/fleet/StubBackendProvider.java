package seatablemigrate.bench;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import java.nio.file.Path;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.spi.BackendProvider;
import seatablemigrate.core.spi.ConnectionOptions;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.testing.Installations;

/**
 * For bench/fleet.sh only: targets {@code stub://NAME} are in-memory hosts (core's FakeHost) running the Enterprise
 * Edition with the Developer Edition's image already pulled, so that a fleet run measures the tool's own work
 * (scheduling, the per-host command with its whole inspection, planning and recorded run, events, logs, the summary)
 * and no network or engine.
 */
public final class StubBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "stub";
    }

    @Override
    public boolean accepts(String hostTarget) {
        return hostTarget.startsWith("stub://");
    }

    @Override
    public Module module(String hostTarget, ConnectionOptions options) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                // The target image is there already, as after a pull ahead of the change window: no registry is asked.
                bind(HostBackend.class).toInstance(Installations.host(Edition.ENTERPRISE, Path.of("/opt/seatable-compose"))
                        .image("sha256:developer", Installations.image(Edition.DEVELOPER)));
            }
        };
    }
}

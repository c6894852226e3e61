package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The packaged jar, as the launcher runs it, holds everything it needs. */
class PackagedJarIT {
    @Test
    void thePackagedJarPlansTheBundledExample() {
        ComposeProject.Docker.Result r = ComposeProject.Docker.run(Path.of("."), 60, "java", "-jar", "target/seatable-migrate.jar",
                "plan", "--offline", "--json", "--to", "developer", "--version", "5.3.0", "--compose-dir", ComposeProject.EXAMPLE.toString());
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("\"image\":\"seatable/seatable-developer:5.3.0\"");
        ComposeProject.Docker.Result help = ComposeProject.Docker.run(Path.of("."), 60, "java", "-jar", "target/seatable-migrate.jar", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).contains("Usage: seatable-migrate").contains("Exit codes");
    }
}

package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.ContainerState;

/** A container from the remote {@code docker inspect}: its ID and start time, which tell a kept container from a recreated one. */
class DockerCliJsonTest {
    private static ContainerState parse(String startedAt) throws Exception {
        return DockerCliJson.container(new ObjectMapper().readTree("{\"Id\": \"4430a9728e84c0ffee\", \"Name\": \"/mariadb\", \"Image\": \"sha256:ab\","
                + " \"State\": {\"Status\": \"running\", \"StartedAt\": \"" + startedAt + "\", \"Health\": {\"Status\": \"healthy\"}},"
                + " \"Config\": {\"Image\": \"mariadb:10.11\", \"Labels\": {\"com.docker.compose.service\": \"mariadb\"}}}"));
    }

    @Test
    void readsTheIdAndTheStartTime() throws Exception {
        ContainerState c = parse("2026-11-30T10:02:11.123456789Z");
        assertThat(c.id()).isEqualTo("4430a9728e84c0ffee");
        assertThat(c.startedAt()).contains(Instant.parse("2026-11-30T10:02:11.123456789Z"));
        assertThat(c.service()).contains("mariadb");
    }

    @Test
    void aContainerThatNeverStartedOrAnUnreadableTimeHasNoStartTime() throws Exception {
        assertThat(parse("0001-01-01T00:00:00Z").startedAt()).isEqualTo(Optional.empty());
        assertThat(parse("yesterday\\u001b[2J").startedAt()).isEqualTo(Optional.empty());
    }

    @Test
    void theImageFolderIsTheRootDirUnlessContainerdKeepsTheImages() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(DockerCliJson.imageRoot(json.readTree("{\"DockerRootDir\": \"/srv/docker\", \"Driver\": \"overlay2\","
                + " \"DriverStatus\": [[\"Backing Filesystem\", \"extfs\"], [\"Supports d_type\", \"true\"]]}"))).contains(Path.of("/srv/docker"));
        assertThat(DockerCliJson.imageRoot(json.readTree("{\"DockerRootDir\": \"/var/lib/docker\", \"Driver\": \"overlayfs\","
                + " \"DriverStatus\": [[\"driver-type\", \"io.containerd.snapshotter.v1\"]]}"))).as("containerd's store").isEmpty();
        assertThat(DockerCliJson.imageRoot(json.readTree("{\"DockerRootDir\": \"relative/dir\"}"))).as("not an absolute path").isEmpty();
        assertThat(DockerCliJson.imageRoot(json.readTree("{\"DockerRootDir\": 7}"))).as("not a string").isEmpty();
        assertThat(DockerCliJson.imageRoot(json.readTree("{}"))).isEmpty();
    }
}

package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PullLayersTest {
    @Test
    void countsLayersFromTheCliOutputAndIgnoresThePullsOwnLines() {
        PullLayers l = new PullLayers();
        assertThat(l.note()).isEmpty();
        for (String line : """
                5.3.0: Pulling from seatable/seatable-developer
                0a1b2c3d4e5f: Already exists
                1a1b2c3d4e5f: Pulling fs layer
                2a1b2c3d4e5f: Pulling fs layer
                1a1b2c3d4e5f: Verifying Checksum
                1a1b2c3d4e5f: Download complete
                1a1b2c3d4e5f: Pull complete
                Digest: sha256:67e75524feb23b25230acb2f06b0d14e93edb3dfe4939f07d2a1f7dca3a476b7
                """.split("\n")) {
            l.line(line);
        }
        assertThat(l.note()).isEqualTo("2 of 3 layers");
        l.line("2a1b2c3d4e5f: Pull complete");
        assertThat(l.complete()).isEqualTo(3);
    }

    @Test
    void aCompleteLayerStaysCompleteWhateverFollows() {
        PullLayers l = new PullLayers();
        l.status("0a1b2c3d4e5f", "Pull complete");
        l.status("0a1b2c3d4e5f", "Extracting");
        l.status("5.3.0", "Pulling from seatable/seatable-developer");
        assertThat(l.note()).isEqualTo("1 of 1 layers");
    }
}

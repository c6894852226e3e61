package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageInfo;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.testing.Installations;

/** Room for the target image where the engine stores images: measured where it is pulled, said so where it is not known. */
class ImageSpaceTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path ROOT = Path.of("/var/lib/docker");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final long GIB = 1L << 30;
    private HostBackend host;

    @BeforeEach
    void host() {
        host = Installations.plannableHost();
    }

    /** A registry that has the Developer Edition 5.3.0, {@code bytes} compressed (none: it does not say). */
    private static ImageCatalog.Factory registry(OptionalLong bytes) {
        return (settings, fromHost) -> new ImageCatalog() {
            @Override
            public Listing tags(ImageRef repository) {
                return new Listing(repository.path().endsWith("developer") ? List.of("5.3.0") : List.of(), "registry.test", Optional.empty());
            }

            @Override
            public Lookup manifest(ImageRef image, String platform) {
                return new Lookup(Lookup.Kind.EXISTS, platform, Optional.of("sha256:" + "ab".repeat(32)), List.of(), "registry.test",
                        Optional.empty(), false, bytes);
            }
        };
    }

    private void store(long free) {
        when(host.imageRoot()).thenReturn(Optional.of(ROOT));
        when(host.stat(ROOT)).thenReturn(Optional.of(new FileStat(FileStat.Type.DIRECTORY, 4096, 0710, 0)));
        when(host.usableSpace(ROOT)).thenReturn(free);
    }

    private CheckResult check(OptionalLong bytes) {
        var req = MigrationRequest.builder(DIR, Edition.DEVELOPER).version(Optional.of("5.3.0")).backupRoot(Path.of("/backup"))
                .healthTimeout(Duration.ofMinutes(5)).build();
        MigrationPlan plan = new Planner(host, CLOCK, registry(bytes)).plan(PlannerTest.enterprise("5.3.4"), req);
        return plan.checks().stream().filter(c -> c.name().equals("image-space")).findFirst().orElseThrow();
    }

    @Test
    void enoughRoomPassesLessThanTheDownloadFailsAndLessThanItUnpackedWarns() {
        store(10 * GIB);
        CheckResult roomy = check(OptionalLong.of(2 * GIB));
        assertThat(roomy.status()).isEqualTo(CheckResult.Status.PASS);
        assertThat(roomy.message()).isEqualTo("/var/lib/docker has 10.0 GiB free; seatable/seatable-developer:5.3.0 is 2.0 GiB compressed"
                + " in registry.test, more unpacked");

        store(3 * GIB);
        CheckResult tight = check(OptionalLong.of(2 * GIB));
        assertThat(tight.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(tight.message()).contains("/var/lib/docker has 3.0 GiB free").contains("about 2 times that: the pull may fill it");

        store(GIB);
        CheckResult full = check(OptionalLong.of(2 * GIB));
        assertThat(full.failed()).isTrue();
        assertThat(full.message()).startsWith("/var/lib/docker has 1.0 GiB free, less than seatable/seatable-developer:5.3.0 is 2.0 GiB")
                .contains("or pull it first");
    }

    @Test
    void anUnknownSizeOrFolderIsAWarningNotAGuess() {
        store(GIB);
        CheckResult noSize = check(OptionalLong.empty());
        assertThat(noSize.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(noSize.message()).contains("registry.test did not say how big seatable/seatable-developer:5.3.0 is");

        when(host.imageRoot()).thenReturn(Optional.empty());
        CheckResult noFolder = check(OptionalLong.of(GIB));
        assertThat(noFolder.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(noFolder.message()).startsWith("the Docker engine does not name a folder of this host");

        // An engine in a virtual machine names a folder this host does not have: its free space here would be another disk's.
        when(host.imageRoot()).thenReturn(Optional.of(ROOT));
        when(host.stat(ROOT)).thenReturn(Optional.empty());
        when(host.usableSpace(ROOT)).thenReturn(100 * GIB);
        assertThat(check(OptionalLong.of(GIB)).status()).isEqualTo(CheckResult.Status.WARN);
    }

    @Test
    void anImagePresentLocallyNeedsNoRoomAndTheEngineIsNotAsked() {
        ImageInfo local = new ImageInfo("sha256:5", List.of("seatable/seatable-developer:5.3.0"));
        when(host.images("seatable/seatable-developer")).thenReturn(List.of(local));
        when(host.image("seatable/seatable-developer:5.3.0")).thenReturn(Optional.of(local));
        when(host.imageRoot()).thenThrow(new AssertionError("asked although the image is present"));
        CheckResult present = check(OptionalLong.empty());
        assertThat(present.status()).isEqualTo(CheckResult.Status.PASS);
        assertThat(present.message()).isEqualTo("seatable/seatable-developer:5.3.0 is present locally: no room is needed for it");
    }
}

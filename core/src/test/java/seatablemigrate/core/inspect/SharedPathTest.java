package seatablemigrate.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SeaTable's data folder comes from the {@code /shared} bind mount of a compose file, which may be a copy's (offline):
 * whatever the source says, it becomes an absolute, normalised folder or none (a named volume, an unset variable), never
 * a relative path that would depend on where the tool runs. (How the folder reaches a shell: SeatableConfPropertyTest.)
 */
class SharedPathTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final List<String> PIECES = List.of("/", ".", "..", "./", "../", "data", "seatable-server", " ", "$", "'", "\n", "~",
            "${X}", "é", "\\", ":", "//");

    private static Optional<Path> shared(String source) {
        ComposeServices s = new ComposeServices(Map.of("seatable-server", "i"), Map.of(), Map.of(), Map.of("seatable-server", source),
                Optional.empty());
        return s.sharedPath("seatable-server", DIR, Optional::of);
    }

    @Test
    void theOfficialSourceIsBesideTheComposeFiles() {
        assertThat(shared("./data/seatable-server")).contains(DIR.resolve("data/seatable-server"));
        assertThat(shared("/srv/seatable")).contains(Path.of("/srv/seatable"));
        assertThat(shared("seatable-data")).as("a named volume has no folder here").isEmpty();
        assertThat(shared("../../../../etc/x")).contains(Path.of("/etc/x"));
    }

    @Test
    void anyGeneratedSourceIsAnAbsoluteNormalisedFolderOrNone() {
        Random random = new Random(2527);
        int folders = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder source = new StringBuilder();
            for (int n = 1 + random.nextInt(7); n > 0; n--) {
                source.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            Optional<Path> folder = shared(source.toString());
            if (folder.isPresent()) {
                folders++;
                assertThat(folder.get().isAbsolute()).as(source.toString()).isTrue();
                assertThat(folder.get().normalize()).as(source.toString()).isEqualTo(folder.get());
            } else {
                assertThat(source.charAt(0)).as(source.toString()).isNotIn('/', '.');
            }
        }
        assertThat(folders).isGreaterThan(5000);
    }
}

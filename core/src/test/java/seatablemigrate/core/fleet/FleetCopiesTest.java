package seatablemigrate.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inventory names are untrusted: whatever a name is, it names a direct child of the folder of copies, or no folder. */
class FleetCopiesTest {
    private static final Path ROOT = Path.of("/srv/copies");
    private static final FleetCopies COPIES = new FleetCopies(ROOT);
    private static final FleetCopies CONFS = COPIES.withSeatableConfs(Path.of("/srv/confs"));

    private static FleetHost host(String name) {
        return new FleetHost(name, Map.of(), List.of());
    }

    @Test
    void aPlainNameIsItsFolderInTheCopies() {
        for (String name : List.of("db1", "db1.example.com", "admin@db2", "10.0.0.1", "[::1]:22", "x..y", "...", ".hidden", "ü-host")) {
            assertThat(COPIES.folder(host(name))).as(name).contains(ROOT.resolve(name));
        }
        assertThat(COPIES.skipped(host("db1"), p -> p.equals(ROOT.resolve("db1")))).isEmpty();
        assertThat(COPIES.skipped(host("db3"), p -> false)).contains("skipped: no copy of its compose directory in /srv/copies/db3 (--from-dir /srv/copies)");
    }

    @Test
    void anUpgradesHostNeedsItsConfigurationFolderCopiedToo() {
        FleetCopies copies = COPIES.withSeatableConfs(Path.of("/srv/confs"));
        assertThat(copies.seatableConf(host("db1"))).contains(Path.of("/srv/confs/db1"));
        assertThat(COPIES.seatableConf(host("db1"))).isEmpty();
        assertThat(copies.skipped(host("db1"), p -> p.startsWith(ROOT) || p.equals(Path.of("/srv/confs/db1")))).isEmpty();
        assertThat(copies.skipped(host("db2"), p -> p.startsWith(ROOT))).contains("skipped: no copy of its SeaTable configuration folder in"
                + " /srv/confs/db2 (--seatable-conf-from-dir /srv/confs)");
        // The compose directory's copy is named first: it is what the plan reads before anything else.
        assertThat(copies.skipped(host("db3"), p -> false)).contains("skipped: no copy of its compose directory in /srv/copies/db3 (--from-dir /srv/copies)");
        assertThat(copies.seatableConf(host(".."))).isEmpty();
        assertThatThrownBy(() -> COPIES.withSeatableConfs(Path.of("confs"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> COPIES.withSeatableConfs(Path.of("/srv/x/../confs"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameThatIsNoPlainFolderNameNamesNoFolderAndSaysWhy() {
        Map<String, String> why = Map.of("..", "'..' is a relative folder, not a name", ".", "'.' is a relative folder, not a name",
                "../etc", "'../etc' has a '/'", "/etc/cron.d", "'/etc/cron.d' has a '/'", "ssh://root@db1:22", "'ssh://root@db1:22' has a '/'",
                "a\0b", "holds a NUL byte", "x".repeat(256), "is longer than 255 bytes");
        why.forEach((name, reason) -> {
            assertThat(COPIES.folder(host(name))).as(name).isEmpty();
            // Asked of no file system: the name alone decides.
            assertThat(COPIES.skipped(host(name), p -> {
                throw new AssertionError("looked at " + p);
            })).as(name).contains("skipped: its inventory name " + reason + ", so it names no folder in /srv/copies (the copies are"
                    + " COPIES/<inventory host name>/); give it a plain name in the inventory");
        });
    }

    /** Generated names from the characters that make paths: each names a direct child of the copies, or nothing. */
    @Test
    void noGeneratedNameLeavesTheCopies() {
        Random random = new Random(21);
        String alphabet = "./\\\0 a~-:@\n";
        int named = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (name.toString().isBlank()) {
                continue; // an inventory has no blank host name (FleetHost refuses it)
            }
            Optional<Path> folder = COPIES.folder(host(name.toString()));
            Optional<Path> conf = CONFS.seatableConf(host(name.toString()));
            assertThat(conf.map(Path::getFileName)).as(name.toString()).isEqualTo(folder.map(Path::getFileName));
            conf.ifPresent(c -> assertThat(c.getParent()).isEqualTo(CONFS.seatableConfs().orElseThrow()));
            if (folder.isPresent()) {
                named++;
                assertThat(folder.get().getParent()).as(name.toString()).isEqualTo(ROOT);
                assertThat(folder.get().normalize()).as(name.toString()).isEqualTo(folder.get());
                assertThat(folder.get().getFileName().toString()).as(name.toString()).isEqualTo(name.toString());
            }
        }
        assertThat(named).as("the generator makes plain names too").isGreaterThan(1000);
    }
}

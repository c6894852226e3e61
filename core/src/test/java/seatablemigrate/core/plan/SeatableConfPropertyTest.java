package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.runfolder.BackupManifest;
import seatablemigrate.core.spi.Shell;
import seatablemigrate.core.testing.FakeHost;
import seatablemigrate.core.testing.Installations;

/**
 * An offline upgrade takes two things from outside: the names in the copy of SeaTable's configuration folder
 * ({@code --seatable-conf-from}) and the folder's path, from the copy's compose files ({@code /shared} mount). Whatever
 * they hold, a name is saved only when it is plain, any other is refused and shown printably, and the path reaches the
 * guard's shell as data: generated input, the guard run by bash.
 */
class SeatableConfPropertyTest {
    private static final Path DIR = Path.of("/opt/seatable-compose");
    private static final Path COPY = Path.of("/home/admin/conf-copy");
    /** Characters and pieces that make names and paths dangerous in a shell or on a terminal. */
    private static final List<String> PIECES = List.of("a", "Z", "0", ".", "_", "-", " ", "\n", "\t", "'", "\"", "$", "`", ";", "\\", "|",
            "&", "*", "?", "[", "]", "{", "}", "(", ")", "<", ">", "~", "#", "!", "é", "\u202e", "\u0007", "\u001b[31m", ":", "=",
            "$(touch pwned)", "`touch pwned`", "; touch pwned", "\ntouch pwned\n", "-rf", "..");

    @TempDir
    Path tmp;

    private static String generated(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            s.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return s.toString();
    }

    @Test
    void aCopyIsSavedOnlyWhenEveryNameIsPlainAndAnyOtherNameIsRefusedPrintably() throws Exception {
        Random random = new Random(2525);
        Installation inst = Installations.offline(Installations.running(Edition.ENTERPRISE, DIR), Path.of("/opt/seatable-server"));
        int saved = 0;
        int refused = 0;
        for (int i = 0; i < 4000; i++) {
            Set<String> names = new LinkedHashSet<>();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                String name = random.nextInt(3) == 0 ? generated(random) : "conf" + random.nextInt(1000) + ".txt";
                if (!name.equals(".") && !name.equals("..")) {
                    names.add(name); // a file system holds any name but these (and none with '/' or NUL)
                }
            }
            names.add("current_version.txt"); // the folder exists: an empty copy is no folder to the fake
            FakeHost local = new FakeHost(DIR); // the machine the tool runs on, holding the copy
            for (String name : names) {
                local.file(COPY.resolve(name), name.getBytes(StandardCharsets.UTF_8), random.nextBoolean() ? 0600 : 0644);
            }

            SeatableConf conf = SeatableConf.readCopy(local, inst, Optional.of(COPY));

            List<String> bad = names.stream().filter(n -> !BackupManifest.SavedFile.plainName(n)).toList();
            if (bad.isEmpty()) {
                saved++;
                assertThat(conf.problem()).as(names.toString()).isEmpty();
                assertThat(conf.files()).extracting(BackupManifest.SavedFile::name).containsExactlyElementsOf(names.stream().sorted().toList());
                assertThat(conf.guard()).isPresent();
                if (saved % 40 == 1) {
                    guardPassesOnTheFolderItListsAndNoOther(conf, local);
                }
            } else {
                refused++;
                assertThat(conf.files()).as(names.toString()).isEmpty();
                assertThat(conf.problem()).as(names.toString()).hasValueSatisfying(p -> {
                    assertThat(p.codePoints().noneMatch(Shell::isControl)).as(p).isTrue();
                    assertThat(bad.stream().map(Shell::describeName)).as(p).anyMatch(p::contains);
                });
            }
        }
        assertThat(saved).as("the generator makes plain folders").isGreaterThan(500);
        assertThat(refused).as("and hostile ones").isGreaterThan(500);
    }

    /** The folder as {@code conf} names it, written for real: the guard passes on it, and fails once a file is added. */
    private void guardPassesOnTheFolderItListsAndNoOther(SeatableConf conf, FakeHost local) throws Exception {
        Path dir = conf.dir().orElseThrow();
        Path real = Files.createTempDirectory(tmp, "conf");
        for (BackupManifest.SavedFile f : conf.files()) {
            Path file = Files.write(real.resolve(f.name()), local.readFile(COPY.resolve(f.name())).orElseThrow());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode(f.mode())));
        }
        SeatableConf there = new SeatableConf(Optional.of(real), conf.files(), Optional.empty());
        assertThat(run(there.guard().orElseThrow(), real).exit).as(dir + " " + conf.files()).isZero();
        Files.writeString(real.resolve("added.conf"), "x");
        assertThat(run(there.guard().orElseThrow(), real).exit).isEqualTo(1);
    }

    private static String mode(String octal) {
        int bits = Integer.parseInt(octal, 8);
        StringBuilder s = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((bits & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        }
        return s.toString();
    }

    /**
     * Generated folder paths (as a copy's {@code /shared} mount could make them): one with a control character is refused,
     * shown printably; for any other, the guard checks exactly that folder, passing when it holds the planned file and
     * failing otherwise, nothing in the path is ever run, and neither the guard nor what it prints holds a control
     * character.
     */
    @Test
    void theFolderPathReachesTheGuardAsDataWhateverItHolds() throws Exception {
        Random random = new Random(2526);
        Path work = Files.createDirectories(tmp.resolve("work"));
        List<BackupManifest.SavedFile> files = List.of(new BackupManifest.SavedFile("current_version.txt", "644"));
        FakeHost local = new FakeHost(DIR).file(COPY.resolve("current_version.txt"), "5.3.4\n".getBytes(StandardCharsets.UTF_8), 0644);
        int refused = 0;
        int guarded = 0;
        for (int i = 0; i < 300; i++) {
            String segment = generated(random).replace("/", "");
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                continue;
            }
            Path shared = tmp.resolve("data-" + i).resolve(segment);
            Path dir = shared.resolve("seatable/conf");
            Installation inst = Installations.offline(Installations.running(Edition.ENTERPRISE, DIR), shared);
            SeatableConf read = SeatableConf.readCopy(local, inst, Optional.of(COPY));
            if (segment.codePoints().anyMatch(Shell::isControl)) {
                refused++;
                assertThat(read.files()).isEmpty();
                assertThat(read.problem()).hasValueSatisfying(p -> assertThat(p.codePoints().noneMatch(Shell::isControl)).as(p).isTrue());
                continue;
            }
            guarded++;
            assertThat(read.problem()).as(segment).isEmpty();
            boolean exists = random.nextBoolean();
            if (exists) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(Files.writeString(dir.resolve("current_version.txt"), "5.3.4\n"),
                        PosixFilePermissions.fromString("rw-r--r--"));
            }
            String guard = new SeatableConf(Optional.of(dir), files, Optional.empty()).guard().orElseThrow();
            assertThat(guard.replace("\n", "").codePoints().noneMatch(Shell::isControl)).as(guard).isTrue();

            Result r = run(guard, work);

            assertThat(r.exit).as(segment + ": " + r.output).isEqualTo(exists ? 0 : 1);
            assertThat(r.output.replace("\n", "").codePoints().noneMatch(Shell::isControl)).as(r.output).isTrue();
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left.toList()).as("nothing ran from " + segment).isEmpty();
            }
            assertThat(Files.exists(tmp.resolve("pwned"))).isFalse();
        }
        assertThat(refused).isGreaterThan(30);
        assertThat(guarded).isGreaterThan(100);
    }

    private record Result(int exit, String output) {}

    private static Result run(String script, Path cwd) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}

package seatablemigrate.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.ProgressListener;

/**
 * Every kind of file change does the same through the local backend (java.nio) as its shell form does under bash and
 * under BusyBox:
 * the same tree afterwards, byte for byte and mode for mode, from the same start. The kinds that act on the engine
 * (Compose, pulls, dumps, loads) are compared end to end instead (DryRunIT runs a recorded script against a live run's
 * end state); the list of kinds below must name every kind, so that a new one is placed in one group or the other.
 */
class ChangeParityTest {
    /** Engine kinds, compared end to end by the ITs. */
    private static final Set<Class<?>> ENGINE_KINDS = Set.of(EngineChange.Compose.class, EngineChange.PullImage.class, EngineChange.ContainerToFile.class,
            EngineChange.FileToContainer.class);

    @TempDir
    Path tmp;

    /** A starting tree and the change to make in it, given the tree's root; with {@code refused} both forms must fail. */
    private record Case(String name, Class<? extends Change> kind, Setup setup, Function<Path, Change> change, boolean refused) {
        Case(String name, Class<? extends Change> kind, Setup setup, Function<Path, Change> change) {
            this(name, kind, setup, change, false);
        }
    }

    @FunctionalInterface
    private interface Setup {
        void in(Path root) throws IOException;
    }

    private static void file(Path root, String name, String text, int mode) throws IOException {
        Path f = root.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, FileStat.permissions(mode));
    }

    private static final List<Case> CASES = List.of(
            new Case("a fresh private folder", FileChange.MakeDirectory.class, r -> { },
                    r -> FileChange.MakeDirectory.fresh(r.resolve("runs/20260101-000000-to-developer"), 0700)),
            new Case("a folder that may exist", FileChange.MakeDirectory.class, r -> Files.createDirectories(r.resolve("backups")),
                    r -> new FileChange.MakeDirectory(r.resolve("backups"), 0750)),
            new Case("the tool's own folder is created", FileChange.MakeDirectory.class, r -> { },
                    r -> FileChange.MakeDirectory.own(r.resolve("state"), 0700)),
            new Case("the tool's own folder that exists is used as it is", FileChange.MakeDirectory.class, r -> {
                Files.createDirectory(r.resolve("state"));
                Files.setPosixFilePermissions(r.resolve("state"), FileStat.permissions(0755));
            }, r -> FileChange.MakeDirectory.own(r.resolve("state"), 0700)),
            new Case("a symlink where the tool's own folder goes is refused", FileChange.MakeDirectory.class, r -> {
                Files.createDirectory(r.resolve("elsewhere"));
                Files.createSymbolicLink(r.resolve("state"), r.resolve("elsewhere"));
            }, r -> FileChange.MakeDirectory.own(r.resolve("state"), 0700), true),
            new Case("a folder others may write to is refused as the tool's own", FileChange.MakeDirectory.class, r -> {
                Files.createDirectory(r.resolve("state"));
                Files.setPosixFilePermissions(r.resolve("state"), FileStat.permissions(0777));
            }, r -> FileChange.MakeDirectory.own(r.resolve("state"), 0700), true),
            new Case("a file where the tool's own folder goes is refused", FileChange.MakeDirectory.class, r -> file(r, "state", "x", 0600),
                    r -> FileChange.MakeDirectory.own(r.resolve("state"), 0700), true),
            new Case("a copy keeps nothing of an older target but its place", FileChange.CopyFile.class, r -> {
                file(r, ".env", "SEATABLE_IMAGE=a:1\nPW=$x `y`\n", 0640);
                file(r, "config/.env", "old\n", 0644);
            }, r -> new FileChange.CopyFile(r.resolve(".env"), r.resolve("config/.env"), 0600)),
            new Case("a copy to a new file takes the mode given", FileChange.CopyFile.class, r -> file(r, "lic's file.txt", "license\n", 0600),
                    r -> new FileChange.CopyFile(r.resolve("lic's file.txt"), r.resolve("seatable-license.txt"), 0644)),
            new Case("a restore of identical bytes writes nothing", FileChange.CopyFile.class, r -> {
                file(r, "saved", "A=1\n", 0600);
                file(r, ".env", "A=1\n", 0604);
            }, r -> FileChange.CopyFile.restore(r.resolve("saved"), r.resolve(".env"), 0600)),
            new Case("a written file, also with the here-document's marker in it", FileChange.WriteFile.class, r -> { },
                    r -> new FileChange.WriteFile(r.resolve("manifest.json"), "{\"a\": \"$b\"}\nSEATABLE_MIGRATE_EOF\nno newline".getBytes(
                            StandardCharsets.UTF_8), 0600)),
            new Case("a file removed", FileChange.RemoveFile.class, r -> file(r, "seatable-license.txt", "x", 0644),
                    r -> new FileChange.RemoveFile(r.resolve("seatable-license.txt"))),
            new Case("a missing file removed is no error", FileChange.RemoveFile.class, r -> { },
                    r -> new FileChange.RemoveFile(r.resolve("seatable-license.txt"))),
            new Case("a folder removed with everything in it", FileChange.RemoveDirectory.class, r -> {
                file(r, "keep/precious", "keep me\n", 0600);
                file(r, "run/a/b", "x", 0600);
                file(r, "run/journal.log", "x", 0600);
            }, r -> new FileChange.RemoveDirectory(r.resolve("run"))),
            new Case("a folder with a symlink inside is refused: nothing is removed", FileChange.RemoveDirectory.class, r -> {
                file(r, "keep/precious", "keep me\n", 0600);
                file(r, "run/a/b", "x", 0600);
                Files.createSymbolicLink(r.resolve("run/a/link"), r.resolve("keep"));
            }, r -> new FileChange.RemoveDirectory(r.resolve("run")), true),
            new Case("a folder others may write to is refused: nothing is removed", FileChange.RemoveDirectory.class, r -> {
                file(r, "run/a/b", "x", 0600);
                Files.setPosixFilePermissions(r.resolve("run/a"), FileStat.permissions(0777));
            }, r -> new FileChange.RemoveDirectory(r.resolve("run")), true),
            new Case("a symlink of that name is removed, not what it points to", FileChange.RemoveDirectory.class, r -> {
                file(r, "keep/precious", "keep me\n", 0600);
                Files.createSymbolicLink(r.resolve("run"), r.resolve("keep"));
            }, r -> new FileChange.RemoveDirectory(r.resolve("run"))),
            new Case(".env edited in place, mode kept", FileEdit.SetEnvValue.class,
                    r -> file(r, ".env", "# c\nCOMPOSE_FILE='a.yml,b.yml'\r\nSEATABLE_IMAGE=\"x:1\" # pinned\nB=2", 0640),
                    r -> new FileEdit.SetEnvValue(r.resolve(".env"), "SEATABLE_IMAGE", "seatable/seatable-developer:5.3.0")),
            new Case(".env without the key gets it appended", FileEdit.SetEnvValue.class, r -> file(r, ".env", "A=1\nB=2", 0600),
                    r -> new FileEdit.SetEnvValue(r.resolve(".env"), "SEATABLE_IMAGE", "127.0.0.1:5000/seatable/seatable-developer:5.3.0")),
            new Case("a secret generated on the host is appended", FileEdit.AddGeneratedSecret.class,
                    r -> file(r, ".env", "A=1\r\nB='2'\r\n", 0640), r -> new FileEdit.AddGeneratedSecret(r.resolve(".env"), "REDIS_PASSWORD")),
            new Case("a secret that is set keeps its value", FileEdit.AddGeneratedSecret.class,
                    r -> file(r, ".env", "\uFEFFexport  REDIS_PASSWORD = 'kept'\nB=2", 0600),
                    r -> new FileEdit.AddGeneratedSecret(r.resolve(".env"), "REDIS_PASSWORD")),
            new Case("checksums of the backup", FileEdit.WriteChecksums.class, r -> {
                file(r, "run/databases.sql", "-- dump\n", 0600);
                file(r, "run/config/.env", "A=1\n", 0600);
            }, r -> new FileEdit.WriteChecksums(r.resolve("run"), List.of("databases.sql", "config/.env"))),
            new Case("a journal line appended", FileEdit.AppendJournalLine.class, r -> file(r, "journal.log", "2026-01-01T00:00:00Z BEGIN x\n", 0600),
                    r -> new FileEdit.AppendJournalLine(r.resolve("journal.log"), "END switch-image ok 'quoted' $x")),
            new Case("a journal started", FileEdit.AppendJournalLine.class, r -> { },
                    r -> new FileEdit.AppendJournalLine(r.resolve("journal.log"), "BEGIN prepare")));

    /** Cases that give files to another user (nobody), for a run as root (CI). */
    private static final List<Case> AS_ROOT = List.of(
            new Case("a folder with a file of another user inside is refused: nothing is removed", FileChange.RemoveDirectory.class, r -> {
                file(r, "run/a/b", "x", 0600);
                file(r, "run/c", "x", 0600);
                own(r.resolve("run/a/b"));
            }, r -> new FileChange.RemoveDirectory(r.resolve("run")), true),
            new Case("a folder of another user is refused as the tool's own", FileChange.MakeDirectory.class, r -> {
                Files.createDirectory(r.resolve("state"));
                own(r.resolve("state"));
            }, r -> FileChange.MakeDirectory.own(r.resolve("state"), 0700), true),
            new Case("a folder of another user is refused: nothing is removed", FileChange.RemoveDirectory.class, r -> {
                file(r, "run/a", "x", 0600);
                own(r.resolve("run"));
            }, r -> new FileChange.RemoveDirectory(r.resolve("run")), true));

    private static void own(Path p) throws IOException {
        try {
            seatablemigrate.core.testing.OtherUser.own(p);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Test
    void everyKindIsComparedHereOrEndToEnd() {
        Set<Class<?>> here = CASES.stream().map(Case::kind).collect(Collectors.toSet());
        assertThat(here).doesNotContainAnyElementsOf(ENGINE_KINDS);
        assertThat(Stream.concat(here.stream(), ENGINE_KINDS.stream()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(kinds(Change.class));
    }

    /** Every concrete kind of change under {@code type}, through the sealed groups. */
    private static List<Class<?>> kinds(Class<?> type) {
        return Stream.of(type.getPermittedSubclasses()).flatMap(c -> c.isInterface() ? kinds(c).stream() : Stream.of(c)).toList();
    }

    /**
     * The userlands a host may have: GNU's (bash and coreutils) and BusyBox's (its sh and applets only, nothing else
     * on the PATH). The shell forms use POSIX sh and utilities plus {@code sha256sum}, {@code readlink -f} and
     * {@code tail -c}, which both have; this proves it for every file change.
     */
    enum Userland { GNU, BUSYBOX }

    @ParameterizedTest
    @EnumSource(Userland.class)
    void theLocalBackendAndTheShellFormLeaveTheSameTree(Userland userland) throws Exception {
        LocalHostBackend local = new LocalHostBackend();
        List<Case> cases = seatablemigrate.core.testing.OtherUser.canPlant() ? Stream.concat(CASES.stream(), AS_ROOT.stream()).toList() : CASES;
        for (Case c : cases) {
            Path viaJava = Files.createDirectories(tmp.resolve(cases.indexOf(c) + "-java"));
            Path viaShell = Files.createDirectories(tmp.resolve(cases.indexOf(c) + "-shell"));
            c.setup().in(viaJava);
            c.setup().in(viaShell);
            Map<String, String> before = tree(viaJava);
            Change change = c.change().apply(viaJava);
            assertThat(change).isInstanceOf(c.kind());
            boolean javaFailed = false;
            try {
                local.apply(change, Duration.ofSeconds(10), ProgressListener.NONE);
            } catch (seatablemigrate.core.MigrateException e) {
                javaFailed = true;
            }
            int shellExit = run(userland, c.change().apply(viaShell).shell());
            assertThat(javaFailed).as(c.name() + ": java.nio refused").isEqualTo(c.refused());
            assertThat(shellExit != 0).as(c.name() + ": the shell form refused").isEqualTo(c.refused());
            if (c.kind() == FileEdit.AddGeneratedSecret.class) {
                // Each form draws its own secret: the trees are equal but for it, and each holds one of the promised shape.
                assertThat(secretsMasked(tree(viaShell))).as(c.name()).isEqualTo(secretsMasked(tree(viaJava)));
                assertThat(tree(viaShell).values().stream().filter(t -> GENERATED.matcher(t).find()).count())
                        .as(c.name()).isEqualTo(tree(viaJava).values().stream().filter(t -> GENERATED.matcher(t).find()).count());
            } else {
                assertThat(tree(viaShell)).as(c.name()).isEqualTo(tree(viaJava));
            }
            if (c.refused()) {
                assertThat(tree(viaJava)).as(c.name() + ": nothing changed").isEqualTo(before);
            }
        }
    }

    /** A secret as {@link FileEdit.AddGeneratedSecret} writes it. */
    private static final java.util.regex.Pattern GENERATED = java.util.regex.Pattern.compile("='[0-9a-f]{" + FileEdit.AddGeneratedSecret.LENGTH + "}'");

    private static Map<String, String> secretsMasked(Map<String, String> tree) {
        Map<String, String> out = new TreeMap<>();
        tree.forEach((k, v) -> out.put(k, GENERATED.matcher(v).replaceAll("='<secret>'")));
        return out;
    }

    @ParameterizedTest
    @EnumSource(Userland.class)
    void aGeneratedSecretIsNewEachTimeAndNeverReplacesOne(Userland userland) throws Exception {
        Path env = tmp.resolve(".env");
        Files.writeString(env, "A=1\n");
        assertThat(run(userland, new FileEdit.AddGeneratedSecret(env, "S").shell())).isZero();
        String once = Files.readString(env);
        assertThat(once).matches("A=1\nS='[0-9a-f]{48}'\n");
        assertThat(run(userland, new FileEdit.AddGeneratedSecret(env, "S").shell())).isZero();
        assertThat(Files.readString(env)).as("run again: the secret in use stays").isEqualTo(once);
        Files.writeString(env, "A=1\n");
        assertThat(run(userland, new FileEdit.AddGeneratedSecret(env, "S").shell())).isZero();
        assertThat(Files.readString(env)).as("a new draw").isNotEqualTo(once);
    }

    private static int run(Userland userland, String script) throws Exception {
        ProcessBuilder pb = userland == Userland.GNU ? new ProcessBuilder("bash", "-c", script)
                : new ProcessBuilder(busybox().resolve("sh").toString(), "-c", script);
        if (userland == Userland.BUSYBOX) {
            pb.environment().put("PATH", busybox().toString());
        }
        Process p = pb.redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static Path busyboxBin;

    /** A folder holding BusyBox's applets and nothing else, to be the whole PATH (outside the test's folder: links). */
    private static synchronized Path busybox() throws Exception {
        if (busyboxBin != null) {
            return busyboxBin;
        }
        Path busybox = Stream.of("/bin/busybox", "/usr/bin/busybox").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("BusyBox is needed for this test: apt-get install busybox-static (scripts/test-env does)"));
        Process p = new ProcessBuilder(busybox.toString(), "--list").start();
        List<String> applets = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        Path dir = Files.createTempDirectory("busybox-bin");
        for (String applet : applets) {
            Files.createSymbolicLink(dir.resolve(applet), busybox);
        }
        busyboxBin = dir;
        return dir;
    }

    @AfterAll
    static void removeBusyboxBin() throws IOException {
        if (busyboxBin != null) {
            try (Stream<Path> links = Files.list(busyboxBin)) {
                for (Path l : links.toList()) {
                    Files.delete(l);
                }
            }
            Files.delete(busyboxBin);
        }
    }

    /** Every entry: its kind, mode, and content (files; the journal's timestamps masked) or link target. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> !p.equals(root)).toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "link -> " + root.relativize(Files.readSymbolicLink(p)));
                    continue;
                }
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                if (Files.isDirectory(p)) {
                    out.put(rel, "dir " + mode);
                } else {
                    String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8)
                            .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "<time>");
                    out.put(rel, "file " + mode + " " + text);
                }
            }
        }
        return out;
    }
}

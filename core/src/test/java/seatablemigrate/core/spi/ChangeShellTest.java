package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.EnvFile;

/** The shell forms do what the Java forms do: run with bash, compare bytes. */
class ChangeShellTest {
    @TempDir
    Path dir;

    private int bash(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return p.exitValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "# c\\nCOMPOSE_FILE='a.yml,b.yml'\\nSEATABLE_IMAGE=\"seatable/seatable-enterprise:5.3.4\"\\nX=1\\n",
            "SEATABLE_IMAGE='seatable/seatable-enterprise:5.3.4'\\n",
            "  export SEATABLE_IMAGE = seatable/seatable-enterprise:5.3.4   # pinned\\nB=2\\n",
            "A=1\\r\\nSEATABLE_IMAGE=\"x:1\" # q\\r\\nB=2\\r\\n",
            "A=1\\nSEATABLE_IMAGE=x:1",
            "A=1\\r\\nSEATABLE_IMAGE='x:1'",
            "A=1\\nB=2\\n",
            "A=1\\nB=2",
            "SEATABLE_IMAGE=a:1\\nSEATABLE_IMAGE=b:2\\n",
            "PASSWORD=p#not-comment\\nSEATABLE_IMAGE=\\n",
            "\uFEFFSEATABLE_IMAGE=x:1\\r\\nA=2\\r\\n",
            "\uFEFF# comment\\nA=1",
            "A=1\\r\\nB=2\\r\\nC=3",
            "A=1\\nSEATABLE_IMAGE=x:1\\nB=2"})
    void setEnvValueInShellEqualsTheJavaEdit(String escaped) throws Exception {
        byte[] original = escaped.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        Path env = dir.resolve(".env");
        Files.write(env, original);
        String value = "registry.local:5000/seatable/seatable-developer:5.3.0";
        bash(new FileEdit.SetEnvValue(env, "SEATABLE_IMAGE", value).shell());
        assertThat(new String(Files.readAllBytes(env), StandardCharsets.UTF_8))
                .isEqualTo(new String(EnvFile.parse(original).withValue("SEATABLE_IMAGE", value).bytes(), StandardCharsets.UTF_8));
    }

    /** Lines real .env files have: comments, blanks, every quoting, export, spaces around '=', inline comments, CRLF. */
    private static final String[] LINES = {"# comment", "", "   ", "A=1", "export B = two words  # note", "C='x y' # c", "D=\"q\\\"uote\"",
            "SEATABLE_IMAGE=seatable/seatable-enterprise:5.3.4", "SEATABLE_IMAGE='seatable/seatable-enterprise:5.3.4'",
            "  export SEATABLE_IMAGE = \"seatable/seatable-enterprise:5.3.4\"  # pinned", "SEATABLE_IMAGE=", "#SEATABLE_IMAGE=old:1",
            "SEATABLE_IMAGE = x:1   ", "SEATABLE_IMAGE=\"a\\\"b\" # esc", "SEATABLE_IMAGE_OLD=keep:1", "PASSWORD=p#not-comment", "E=\u00e9\u00e8 \u00fc",
            "COMPOSE_FILE='caddy.yml,seatable-server.yml'"};

    @Test
    void setEnvValueInShellEqualsTheJavaEditOnGeneratedFiles() throws Exception {
        java.util.Random random = new java.util.Random(11);
        Path env = dir.resolve(".env");
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            StringBuilder sb = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : "");
            int n = random.nextInt(7);
            boolean crlf = random.nextBoolean();
            for (int l = 0; l < n; l++) {
                sb.append(LINES[random.nextInt(LINES.length)]).append(crlf ^ random.nextInt(5) == 0 ? "\r\n" : "\n");
            }
            if (random.nextInt(3) == 0 && sb.length() > 1 && sb.charAt(sb.length() - 1) == '\n') {
                sb.setLength(sb.length() - (sb.charAt(sb.length() - 2) == '\r' ? 2 : 1));
            }
            byte[] original = sb.toString().getBytes(StandardCharsets.UTF_8);
            EnvFile parsed;
            try {
                parsed = EnvFile.parse(original);
            } catch (IllegalArgumentException unreadable) {
                continue; // the tool refuses such a file before any edit
            }
            String value = random.nextBoolean() ? "registry.local:5000/seatable/seatable-developer:5.3.0" : "seatable/seatable-developer:5.3.0";
            Files.write(env, original);
            bash(new FileEdit.SetEnvValue(env, "SEATABLE_IMAGE", value).shell());
            assertThat(Files.readAllBytes(env)).as("file %d: %s", i, sb.toString().replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(parsed.withValue("SEATABLE_IMAGE", value).bytes());
            assertThat(dir.resolve(".env.seatable-migrate.tmp")).doesNotExist();
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void setEnvValueKeepsModeAndRemovesItsTemporaryFileWhenItFails() throws Exception {
        Path env = dir.resolve(".env");
        Files.writeString(env, "A=1\nSEATABLE_IMAGE=x:1\n");
        Files.setPosixFilePermissions(env, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        bash(new FileEdit.SetEnvValue(env, "SEATABLE_IMAGE", "y:2").shell());
        assertThat(Files.getPosixFilePermissions(env)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Process p = new ProcessBuilder("bash", "-c", new FileEdit.SetEnvValue(dir.resolve("missing/.env"), "SEATABLE_IMAGE", "y:2").shell())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isNotZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly(".env");
        }
    }

    @Test
    void valuesAnEditCouldNotWriteAsThemselvesAreRefusedByBothForms() {
        for (String v : List.of("a'b", "a\"b", "a\\b", "a$b", "a#b", "a`b", "a b", "a\nb", "a\rb")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FileEdit.SetEnvValue(Path.of("/x/.env"), "SEATABLE_IMAGE", v))
                    .as(v).isInstanceOf(IllegalArgumentException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnvFile.parse("A=1\n".getBytes(StandardCharsets.UTF_8)).withValue("SEATABLE_IMAGE", v))
                    .as(v).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSymlinkedTargetIsReplacedAtItsTargetKeepingModeAndAnExistingTargetKeepsItsMode() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("license.txt");
        Files.writeString(real, "old\n");
        Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Path link = dir.resolve("seatable-license.txt");
        Files.createSymbolicLink(link, real);
        Path src = dir.resolve("new.txt");
        Files.writeString(src, "new\n");
        bash(new FileChange.CopyFile(src, link, 0644).shell());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new\n");
        assertThat(Files.getPosixFilePermissions(real)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        bash(new FileChange.WriteFile(link, "written\nSEATABLE_MIGRATE_EOF\n".getBytes(StandardCharsets.UTF_8), 0600).shell());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("written\nSEATABLE_MIGRATE_EOF\n");
        bash(new FileEdit.SetEnvValue(link, "SEATABLE_IMAGE", "x:1").shell());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("written\nSEATABLE_MIGRATE_EOF\nSEATABLE_IMAGE='x:1'\n");
        try (var files = Files.list(real.getParent())) {
            assertThat(files.toList()).containsExactly(real);
        }
    }

    @Test
    void aRestoreWritesNothingWhenTheTargetAlreadyHoldsTheBytes() throws Exception {
        Path src = dir.resolve("saved.env");
        Files.writeString(src, "A=1\n");
        Path target = dir.resolve(".env");
        Files.writeString(target, "A=1\n");
        Object inode = Files.getAttribute(target, "unix:ino");
        bash(FileChange.CopyFile.restore(src, target, 0600).shell());
        assertThat(Files.getAttribute(target, "unix:ino")).as("not replaced: nothing was written").isEqualTo(inode);
        Files.writeString(src, "A=2\n");
        bash(FileChange.CopyFile.restore(src, target, 0600).shell());
        assertThat(Files.readString(target)).isEqualTo("A=2\n");
        assertThat(Files.getAttribute(target, "unix:ino")).isNotEqualTo(inode);
    }

    @Test
    void copyAndChecksumsAndJournal() throws Exception {
        Path src = dir.resolve("src file's");
        Files.writeString(src, "a $b `c`\n");
        Path target = dir.resolve("dir with space/target");
        bash(new FileChange.MakeDirectory(target.getParent(), 0700).shell() + "\n" + new FileChange.CopyFile(src, target, 0600).shell()
                + "\n" + new FileEdit.WriteChecksums(target.getParent(), List.of("target")).shell()
                + "\n" + new FileEdit.AppendJournalLine(target.getParent().resolve("journal.log"), "BEGIN stop it's").shell());
        assertThat(Files.readString(target)).isEqualTo("a $b `c`\n");
        assertThat(Files.getPosixFilePermissions(target)).hasSize(2);
        assertThat(Files.readString(target.getParent().resolve("SHA256SUMS")))
                .isEqualTo(seatablemigrate.core.model.Sha256.of(Files.readAllBytes(target)).hex() + "  target\n");
        assertThat(Files.readString(target.getParent().resolve("journal.log"))).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ BEGIN stop it's\n");
    }

    @Test
    void quoting() {
        assertThat(Shell.quote("/opt/seatable-compose")).isEqualTo("/opt/seatable-compose");
        assertThat(Shell.quote("a b'c$d`e")).isEqualTo("'a b'\"'\"'c$d`e'");
        assertThat(Shell.quote("")).isEqualTo("''");
    }

    /** The switch's Compose command reaches Compose as exactly these words, a service name needing quotes included. */
    @Test
    void upOnlyPassesOneServiceToEitherCompose() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String cmd : List.of("docker", "docker-compose")) {
            Path stub = bin.resolve(cmd);
            Files.writeString(stub, "#!/bin/sh\n{ pwd; echo \"COMPOSE_FILE=${COMPOSE_FILE-unset}\"; for a; do echo \"[$a]\"; done; } > \"$OUT\"\n");
            stub.toFile().setExecutable(true);
        }
        Path project = Files.createDirectories(dir.resolve("my project"));
        Path out = dir.resolve("argv.txt");
        for (ComposeCli cli : ComposeCli.values()) {
            EngineChange.Compose up = EngineChange.Compose.upOnly(project, cli, "seatable server's");
            bash("export PATH=" + Shell.quote(bin.toString()) + ":\"$PATH\" OUT=" + Shell.quote(out.toString()) + " COMPOSE_FILE=x.yml; " + up.shell());
            String words = cli == ComposeCli.PLUGIN ? "[compose]\n" : "";
            assertThat(Files.readString(out)).isEqualTo(project + "\nCOMPOSE_FILE=unset\n" + words + "[up]\n[-d]\n[--no-deps]\n[seatable server's]\n");
            assertThat(up.describe()).isEqualTo(cli.spelling() + " up -d --no-deps seatable server's");
        }
    }
}

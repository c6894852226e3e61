package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
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
            "PASSWORD=p#not-comment\\nSEATABLE_IMAGE=\\n"})
    void setEnvValueInShellEqualsTheJavaEdit(String escaped) throws Exception {
        byte[] original = escaped.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        Path env = dir.resolve(".env");
        Files.write(env, original);
        String value = "registry.local:5000/seatable/seatable-developer:5.3.0";
        bash(new Change.SetEnvValue(env, "SEATABLE_IMAGE", value).shell());
        assertThat(new String(Files.readAllBytes(env), StandardCharsets.UTF_8))
                .isEqualTo(new String(EnvFile.parse(original).withValue("SEATABLE_IMAGE", value).bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void copyAndChecksumsAndJournal() throws Exception {
        Path src = dir.resolve("src file's");
        Files.writeString(src, "a $b `c`\n");
        Path target = dir.resolve("dir with space/target");
        bash(new Change.MakeDirectory(target.getParent(), 0700).shell() + "\n" + new Change.CopyFile(src, target, 0600).shell()
                + "\n" + new Change.WriteChecksums(target.getParent(), List.of("target")).shell()
                + "\n" + new Change.AppendJournalLine(target.getParent().resolve("journal.log"), "BEGIN stop it's").shell());
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
}

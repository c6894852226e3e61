package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LineStarts}: its Java form and its shell form (grep and cut, what the SSH backend runs) keep the same lines. */
class LineStartsTest {
    @TempDir
    Path tmp;

    @Test
    void javaAndShellKeepTheSameBeginnings() throws Exception {
        Random random = new Random(42);
        List<String> prefixes = List.of("INSERT INTO `", "USE `", "-- seatable-migrate rows: ", "a.b[c]*^$\\");
        String[] pieces = {"INSERT INTO `", "USE `", "-- seatable-migrate rows: ", "a.b[c]*^$\\", "aXb[c]", "INSERT", "x", " ", "`", "\r", "\t",
                "\u00e4", "\u001b", "\n", "\n", "\n", "'", "VALUES (1,'a\\nb')"};
        for (int round = 0; round < 30; round++) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (int i = random.nextInt(300); i > 0; i--) {
                content.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
                if (random.nextInt(50) == 0) {
                    content.writeBytes("v".repeat(random.nextInt(200_000)).getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] bytes = content.toByteArray();
            int max = 1 + random.nextInt(40);
            Path file = tmp.resolve("dump " + round + ".sql");
            Files.write(file, bytes);
            List<String> java = LineStarts.read(new ByteArrayInputStream(bytes), prefixes, max);
            Process p = new ProcessBuilder("sh", "-c", LineStarts.shell(file, prefixes, max)).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(errors).isEmpty();
            List<String> shell = out.isEmpty() ? List.of() : List.of(out.split("\n"));
            assertThat(java).as("round %d, %d bytes, max %d", round, bytes.length, max).isEqualTo(shell);
        }
    }

    @Test
    void aLineOfMegabytesCostsOnlyItsBeginning() throws Exception {
        byte[] line = ("INSERT INTO `t` VALUES " + "(1),".repeat(1 << 20) + "\nUSE `x`;").getBytes(StandardCharsets.UTF_8);
        assertThat(LineStarts.read(new ByteArrayInputStream(line), List.of("INSERT INTO `", "USE `"), 20))
                .isEqualTo(new ArrayList<>(List.of("INSERT INTO `t` VALU", "USE `x`;")));
    }
}

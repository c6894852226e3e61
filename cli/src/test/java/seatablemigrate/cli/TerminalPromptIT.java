package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The confirmation an admin answers on a terminal (a pseudo-terminal made by util-linux's {@code script}): it names a
 * patch downgrade the tool chose, and "no" changes nothing.
 */
class TerminalPromptIT {
    private static final Path JAR = Path.of("target/seatable-migrate.jar").toAbsolutePath();

    @RegisterExtension
    final TempBackupRoot backups = new TempBackupRoot();

    @Test
    void aPatchDowngradeTheToolChoseIsNamedInThePromptAndNoChangesNothing() throws Exception {
        try (ComposeProject p = ComposeProject.create(LocalMigrationIT.EE, ComposeProject.validLicense()).up()) {
            Map<String, String> before = p.snapshot();
            String command = String.join(" ", "java", "-jar", JAR.toString(), "migrate", "--to", "developer", "--compose-dir",
                    p.dir.toString(), "--backup-dir", backups.path().toString());
            Process proc = new ProcessBuilder(List.of("script", "-qec", command, "/dev/null")).redirectErrorStream(true).start();
            proc.getOutputStream().write("n\n".getBytes(StandardCharsets.UTF_8));
            proc.getOutputStream().close();
            assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");

            assertThat(out).contains("This lowers the patch level from 5.3.4 to 5.3.0 (the newest Developer Edition of 5.3;"
                    + " the editions number their patches separately).\nProceed? [y/N] ").contains("not confirmed: nothing was changed");
            assertThat(proc.exitValue()).as(out).isEqualTo(3);
            assertThat(p.snapshot()).isEqualTo(before);
            try (Stream<Path> runs = Files.list(backups.path())) {
                assertThat(runs.toList()).isEmpty();
            }
        }
    }
}

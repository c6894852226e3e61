package seatablemigrate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A fresh backup root for each test, removed afterwards (as root: the runs write 0600 files into 0700 folders). */
final class TempBackupRoot implements BeforeEachCallback, AfterEachCallback {
    private Path path;

    Path path() {
        return path;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        path = Files.createTempDirectory("seatable-backup-");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ComposeProject.Docker.run(Path.of("/"), 60, "rm", "-rf", path.toString());
    }
}

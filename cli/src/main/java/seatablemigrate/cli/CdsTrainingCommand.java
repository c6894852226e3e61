package seatablemigrate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: runs the usual start-up paths once (help, and a status that reaches the engine and Compose) so that the
 * launcher can record an AppCDS archive of the classes they load. Prints nothing; always exits 0.
 */
@Command(name = "cds-training", hidden = true)
final class CdsTrainingCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Main.run(new String[] {"--help"}, nowhere, nowhere);
        // Every command's model, as the commands that a line names load it (CommandTree).
        CommandTree.full().usage(nowhere);
        Main.run(new String[] {"migrate", "--help"}, nowhere, nowhere);
        Main.run(new String[] {"status", "--compose-dir", "/nonexistent/seatable-migrate-cds-training"}, nowhere, nowhere);
        // A status of a small compose project also records what reading Compose's configuration needs (YAML).
        try {
            Path dir = Files.createTempDirectory("seatable-migrate-cds-training-");
            try {
                Files.writeString(dir.resolve(".env"), "COMPOSE_FILE='seatable-server.yml'\nSEATABLE_IMAGE=seatable/seatable-enterprise:0.0.1\n");
                Files.writeString(dir.resolve("seatable-server.yml"),
                        "services:\n  seatable-server:\n    image: ${SEATABLE_IMAGE:-seatable/seatable-enterprise:0.0.1}\n    ports: ['80:80']\n");
                Main.run(new String[] {"status", "--compose-dir", dir.toString()}, nowhere, nowhere);
            } finally {
                for (String f : new String[] {".env", "seatable-server.yml"}) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // Training is best effort: an archive without these classes is still an archive.
        }
        return 0;
    }
}

package seatablemigrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import seatablemigrate.core.ThreadPerTask;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.registry.RegistryCatalog;
import seatablemigrate.core.spi.RegistrySettings;

/**
 * Hidden: runs the usual start-up paths once (help, a status that reaches the engine and Compose, the start of a status
 * over SSH and of a registry's question), then loads the classes only a running installation or a whole SSH session
 * would load ({@code cds-classes.txt}), so that the launcher can record an AppCDS archive of the classes they load.
 * Prints nothing; always exits 0. It connects to nothing but a port of this machine's loopback that is meant to refuse.
 */
@Command(name = "cds-training", hidden = true)
final class CdsTrainingCommand implements Callable<Integer> {
    /** A loopback address and port that refuse at once (port 1, TCP multiplexing, is served almost nowhere). */
    private static final String REFUSING = "127.0.0.1:1";
    /** How long a step that reaches for the network may take; the launcher gives the whole training a minute. */
    private static final long STEP_SECONDS = 10;

    @Override
    public Integer call() {
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Main.run(new String[] {"--help"}, nowhere, nowhere);
        // Every command's model, as the commands that a line names load it (CommandTree).
        CommandTree.full().usage(nowhere);
        Main.run(new String[] {"migrate", "--help"}, nowhere, nowhere);
        Main.run(new String[] {"status", "--compose-dir", "/nonexistent/seatable-migrate-cds-training"}, nowhere, nowhere);
        smallProjectStatus(nowhere);
        // A status over SSH up to the connection (ssh_config, known_hosts, sshj, its crypto providers): ~600 classes that
        // every start over SSH loaded from the jar. No ssh_config or known_hosts of the user's is read.
        bounded(() -> Main.run(new String[] {"status", "--host", "ssh://root@" + REFUSING, "--ssh-config", "/dev/null", "--known-hosts",
                "/dev/null", "--compose-dir", "/nonexistent/seatable-migrate-cds-training"}, nowhere, nowhere));
        // A registry's question (the HTTP client and the JVM's TLS context, which status makes when it asks for tags).
        // Closed as a command closes it, so that the classes of the client's release are in the archive too.
        bounded(() -> {
            ImageCatalog.Factory registries = RegistryCatalog.ofUser();
            try {
                registries.forHost(RegistrySettings.UNCONFIGURED, Optional.empty())
                        .tags(ImageRef.parse(REFUSING + "/seatable/seatable-enterprise").orElseThrow());
            } finally {
                registries.close();
            }
        });
        loadListedClasses();
        return 0;
    }

    /**
     * Loads, without initialising them, the classes of {@code cds-classes.txt}: those a start loads only with a running
     * installation or a whole SSH session, which training cannot reach. A name the jar no longer has is passed over.
     */
    private static void loadListedClasses() {
        ClassLoader loader = CdsTrainingCommand.class.getClassLoader();
        try {
            for (String name : listedClasses()) {
                try {
                    Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // Best effort: CdsClassesTest names a listed class that no longer exists, StartupArchiveIT one the list lacks.
                }
            }
        } catch (IOException e) {
            // Best effort, as above.
        }
    }

    /** The class names of {@code cds-classes.txt} (one per line; blank lines and lines starting with '#' left out). */
    static List<String> listedClasses() throws IOException {
        try (InputStream in = CdsTrainingCommand.class.getResourceAsStream("cds-classes.txt")) {
            if (in == null) {
                throw new IOException("cds-classes.txt is not beside " + CdsTrainingCommand.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }

    /** A status of a small compose project also records what reading Compose's configuration needs (YAML). */
    private static void smallProjectStatus(PrintWriter nowhere) {
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
    }

    /** Runs a step on a thread of its own and waits for it at most {@link #STEP_SECONDS}: training must end. */
    private static void bounded(Runnable step) {
        try {
            CompletableFuture.runAsync(step, new ThreadPerTask("seatable-migrate-cds-training")).get(STEP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Best effort, as above: what the step loaded until then is recorded.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

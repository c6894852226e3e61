package seatablemigrate.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
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
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
        Main.run(new String[] {"--help"}, nowhere, nowhere);
        Main.run(new String[] {"migrate", "--help"}, nowhere, nowhere);
        Main.run(new String[] {"status", "--compose-dir", "/nonexistent/seatable-migrate-cds-training"}, nowhere, nowhere);
        return 0;
    }
}

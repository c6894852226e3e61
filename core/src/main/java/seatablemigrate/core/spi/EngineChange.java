package seatablemigrate.core.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ImageRef;

/**
 * Changes made through the Docker engine and Compose: a Compose command in the project, an image pull, and streams
 * between a container's command and a host file (a database dump and its load).
 */
public sealed interface EngineChange extends Change permits EngineChange.Compose, EngineChange.FileToContainer, EngineChange.PullImage,
        EngineChange.ContainerToFile {
    /**
     * A Compose command in the project directory: {@link #down}, {@link #up}, {@link #upOnly} or {@link #stop} of one
     * service, run with {@link #COMPOSE_ENV_UNSET} removed from the environment so that {@code .env} decides.
     */
    record Compose(Path projectDir, ComposeCli cli, List<String> args) implements EngineChange {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.compose(this);
        }

        public Compose {
            requireNonNull(projectDir, "projectDir is null");
            requireNonNull(cli, "cli is null");
            args = List.copyOf(args);
        }

        public static Compose down(Path projectDir, ComposeCli cli) {
            return new Compose(projectDir, cli, List.of("down"));
        }

        /** Starts what is stopped and recreates every container whose configuration differs (the whole stack). */
        public static Compose up(Path projectDir, ComposeCli cli) {
            return new Compose(projectDir, cli, List.of("up", "-d"));
        }

        /**
         * Brings up one service and nothing else: its container is recreated when its configuration changed (an image
         * in {@code .env}), started when stopped; the services it depends on are not looked at, whatever their
         * configuration hash says (a stack created by another Compose would otherwise be recreated whole). v1 and v2
         * spell it alike.
         */
        public static Compose upOnly(Path projectDir, ComposeCli cli, String service) {
            return new Compose(projectDir, cli, upOnlyArgs(service));
        }

        /** {@code up -d --no-deps SERVICE}. */
        public static List<String> upOnlyArgs(String service) {
            return List.of("up", "-d", "--no-deps", requireNonNull(service, "service is null"));
        }

        /** Stops one service and keeps the others running. */
        public static Compose stop(Path projectDir, ComposeCli cli, String service) {
            return new Compose(projectDir, cli, List.of("stop", service));
        }

        /** The command line run in {@link #projectDir()}. */
        public List<String> argv() {
            List<String> argv = new ArrayList<>(cli.argv());
            argv.addAll(args);
            return List.copyOf(argv);
        }

        @Override
        public String shell() {
            return "(" + commandIn(projectDir, Map.of(), argv()) + ")";
        }

        /**
         * {@code cd DIR && env -u ... [extra] ARGV}: a Compose command line as it runs in the project, with
         * {@link #COMPOSE_ENV_UNSET} removed and {@code extraEnv} added. Queries and changes share it.
         */
        public static String commandIn(Path projectDir, Map<String, String> extraEnv, List<String> argv) {
            StringBuilder cmd = new StringBuilder("cd " + Shell.quote(projectDir.toString()) + " && env");
            COMPOSE_ENV_UNSET.forEach(v -> cmd.append(" -u ").append(v));
            extraEnv.forEach((k, v) -> cmd.append(' ').append(Shell.quote(k + "=" + v)));
            return cmd.append(' ').append(Shell.join(argv)).toString();
        }

        @Override
        public String describe() {
            return cli.spelling() + " " + String.join(" ", args);
        }
    }

    /**
     * Stream the host file {@code source} into {@code command} inside a running container (its stdin, no TTY). A command
     * that needs a secret reads it inside the container; none is ever on a host command line.
     *
     * @param what what it does, for people ({@code load databases.sql into mariadb})
     */
    record FileToContainer(String container, List<String> command, Path source, String what) implements EngineChange {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.fileToContainer(this);
        }

        public FileToContainer {
            requireNonNull(container, "container is null");
            command = List.copyOf(command);
            requireNonNull(source, "source is null");
            requireNonNull(what, "what is null");
        }

        @Override
        public String shell() {
            return "docker exec -i " + Shell.quote(container) + " " + Shell.join(command) + " < " + Shell.quote(source.toString());
        }

        @Override
        public String describe() {
            return what;
        }
    }

    /** Pull an image from its registry. */
    record PullImage(ImageRef image, boolean onlyIfMissing) implements EngineChange {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.pullImage(this);
        }

        public PullImage {
            requireNonNull(image, "image is null");
        }

        public PullImage(ImageRef image) {
            this(image, false);
        }

        /** Pull only when the host has no image of that reference (a host without a registry keeps working). */
        public static PullImage ifMissing(ImageRef image) {
            return new PullImage(image, true);
        }

        @Override
        public String shell() {
            String pull = "docker pull " + Shell.quote(image.toString());
            return onlyIfMissing ? "docker image inspect " + Shell.quote(image.toString()) + " >/dev/null 2>&1 || " + pull : pull;
        }

        @Override
        public String describe() {
            return (onlyIfMissing ? "pull (unless present) " : "pull ") + image;
        }
    }

    /**
     * Run {@code command} inside a running container (no TTY) and write its stdout to the host file {@code target}, made
     * anew with mode 0600. A command that needs a secret reads it inside the container; none is ever on a host command
     * line.
     *
     * @param what what it does, for people ({@code dump ccnet_db, dtable_db to databases.sql})
     */
    record ContainerToFile(String container, List<String> command, Path target, String what) implements EngineChange {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.containerToFile(this);
        }

        public ContainerToFile {
            requireNonNull(container, "container is null");
            command = List.copyOf(command);
            requireNonNull(target, "target is null");
            requireNonNull(what, "what is null");
        }

        @Override
        public String shell() {
            return "(umask 077 && docker exec " + Shell.quote(container) + " " + Shell.join(command) + " > " + Shell.quote(target.toString()) + ")";
        }

        @Override
        public String describe() {
            return what;
        }
    }
}

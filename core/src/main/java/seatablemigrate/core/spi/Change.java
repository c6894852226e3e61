package seatablemigrate.core.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import seatablemigrate.core.model.ImageRef;

/**
 * A change to the host. Every change is a value with one canonical shell form ({@link #shell()}): a live backend
 * performs exactly what that form says, a dry-run backend records it. Nothing else on the host is ever changed.
 * Renderings never contain secrets: a change that needs one refers to where it is read on the host.
 */
public sealed interface Change {

    /** The canonical POSIX shell form of this change (one or more lines). */
    String shell();

    /** Short human description for progress output. */
    String describe();

    /** Hands this change to the visitor's method for its kind. */
    <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X;

    /**
     * One method per kind of change. A backend that performs changes implements it, so that a new kind of change fails
     * to compile in every backend until each says how it performs it (no run-time "unknown change").
     *
     * @param <R> what performing a change returns
     * @param <X> the checked exception performing may throw
     */
    interface Visitor<R, X extends Exception> {
        R compose(Compose change) throws X;

        R fileToContainer(FileToContainer change) throws X;

        R pullImage(PullImage change) throws X;

        R makeDirectory(MakeDirectory change) throws X;

        R copyFile(CopyFile change) throws X;

        R writeFile(WriteFile change) throws X;

        R removeFile(RemoveFile change) throws X;

        R removeDirectory(RemoveDirectory change) throws X;

        R setEnvValue(SetEnvValue change) throws X;

        R containerToFile(ContainerToFile change) throws X;

        R writeChecksums(WriteChecksums change) throws X;

        R appendJournalLine(AppendJournalLine change) throws X;
    }

    /** Environment variables that must not leak from the caller into Compose: {@code .env} has to decide them. */
    List<String> COMPOSE_ENV_UNSET = List.of("SEATABLE_IMAGE", "COMPOSE_FILE", "COMPOSE_PATH_SEPARATOR", "COMPOSE_PROJECT_NAME");

    /**
     * A Compose command in the project directory: {@link #down}, {@link #up} or {@link #stop} of one service, run
     * with {@link #COMPOSE_ENV_UNSET} removed from the environment so that {@code .env} decides.
     */
    record Compose(Path projectDir, ComposeCli cli, List<String> args) implements Change {
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

        public static Compose up(Path projectDir, ComposeCli cli) {
            return new Compose(projectDir, cli, List.of("up", "-d"));
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
    record FileToContainer(String container, List<String> command, Path source, String what) implements Change {
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
    record PullImage(ImageRef image, boolean onlyIfMissing) implements Change {
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
     * Create a directory (and missing parents), then give it these permission bits; no error when it exists. With
     * {@code exclusive} the directory itself must not exist yet (nor a symlink of its name): a run folder is always
     * new, so nothing placed there before can redirect what the run writes.
     */
    record MakeDirectory(Path dir, int mode, boolean exclusive) implements Change {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.makeDirectory(this);
        }

        public MakeDirectory {
            requireNonNull(dir, "dir is null");
        }

        public MakeDirectory(Path dir, int mode) {
            this(dir, mode, false);
        }

        /** A directory that this change creates itself: it fails when anything of that name exists. */
        public static MakeDirectory fresh(Path dir, int mode) {
            return new MakeDirectory(dir, mode, true);
        }

        @Override
        public String shell() {
            String d = Shell.quote(dir.toString());
            String m = Integer.toOctalString(mode);
            return exclusive ? "mkdir -p -- " + Shell.quote(dir.getParent().toString()) + " && mkdir -m " + m + " -- " + d
                    : "mkdir -p -- " + d + " && chmod " + m + " " + d;
        }

        @Override
        public String describe() {
            return "create " + dir;
        }
    }

    /**
     * Replace {@code target} atomically with a byte-for-byte copy of {@code source}: a temporary file beside the
     * target, then a rename. An existing target keeps its mode, owner and group, and a symlink is followed (the file
     * it points to is replaced, beside itself); a new target gets mode {@code mode}. With {@code unlessSame} nothing
     * is written when the target already holds those bytes (a restore after a failed write must not need the disk).
     * The temporary file is removed when anything fails.
     */
    record CopyFile(Path source, Path target, int mode, boolean unlessSame) implements Change {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.copyFile(this);
        }

        public CopyFile {
            requireNonNull(source, "source is null");
            requireNonNull(target, "target is null");
        }

        public CopyFile(Path source, Path target, int mode) {
            this(source, target, mode, false);
        }

        /** A restore: copies only when the target's bytes differ from the source's. */
        public static CopyFile restore(Path source, Path target, int mode) {
            return new CopyFile(source, target, mode, true);
        }

        @Override
        public String shell() {
            return "(s=" + Shell.quote(source.toString()) + "; " + replacing(target)
                    + (unlessSame ? " if cmp -s -- \"$s\" \"$t\"; then exit 0; fi;" : "")
                    + " if ! { if [ -e \"$t\" ]; then cp -p -- \"$t\" \"$tmp\" && cat -- \"$s\" > \"$tmp\"; else cp -- \"$s\" \"$tmp\" && chmod "
                    + Integer.toOctalString(mode) + " \"$tmp\"; fi && mv -f -- \"$tmp\" \"$t\"; }; then rm -f -- \"$tmp\"; exit 1; fi)";
        }

        @Override
        public String describe() {
            return "copy " + source.getFileName() + " to " + target;
        }
    }


    /**
     * Write these (non-secret) bytes to {@code target} atomically, as {@link CopyFile} does: an existing target keeps
     * its mode, owner and group; a new one gets {@code mode}.
     */
    record WriteFile(Path target, byte[] content, int mode) implements Change {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.writeFile(this);
        }

        public WriteFile {
            requireNonNull(target, "target is null");
            content = content.clone();
            // The shell form holds the content as text: only UTF-8 without NUL can be written byte for byte by both forms.
            try {
                String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
                if (text.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("content with NUL bytes cannot be written by a shell form");
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalArgumentException("content that is not UTF-8 cannot be written by a shell form", e);
            }
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public String shell() {
            String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
            // A quoted here-document ends at the first line equal to its marker: take one that no line of the text is.
            String marker = "SEATABLE_MIGRATE_EOF";
            List<String> lines = List.of(text.split("\n", -1));
            for (int n = 2; lines.contains(marker); n++) {
                marker = "SEATABLE_MIGRATE_EOF_" + n;
            }
            // Text that ends in a newline is written as a here-document (readable in a script); other text with printf,
            // since a here-document always ends in a newline.
            boolean hereDocument = text.isEmpty() || text.endsWith("\n");
            String writer = hereDocument ? "cat > \"$tmp\" <<'" + marker + "'" : "printf '%s' " + Shell.quote(text) + " > \"$tmp\"";
            return "(" + replacing(target)
                    + " if ! { if [ -e \"$t\" ]; then cp -p -- \"$t\" \"$tmp\"; else : > \"$tmp\" && chmod " + Integer.toOctalString(mode)
                    + " \"$tmp\"; fi && " + writer + " && mv -f -- \"$tmp\" \"$t\"; }; then rm -f -- \"$tmp\"; exit 1; fi"
                    + (hereDocument ? "\n" + text + marker + "\n" : "") + ")";
        }

        @Override
        public String describe() {
            return "write " + target;
        }
    }

    /** Remove a regular file; no error when it does not exist. */
    record RemoveFile(Path target) implements Change {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.removeFile(this);
        }

        public RemoveFile {
            requireNonNull(target, "target is null");
        }

        @Override
        public String shell() {
            return "rm -f -- " + Shell.quote(target.toString());
        }

        @Override
        public String describe() {
            return "remove " + target;
        }
    }

    /**
     * Remove a backup folder and everything in it; no error when it does not exist. Links inside are removed, never
     * followed; a symlink of that name is removed itself.
     */
    record RemoveDirectory(Path dir) implements Change {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.removeDirectory(this);
        }

        public RemoveDirectory {
            requireNonNull(dir, "dir is null");
            if (dir.getNameCount() < 2) {
                throw new IllegalArgumentException("refusing to remove " + dir);
            }
        }

        @Override
        public String shell() {
            return "rm -rf -- " + Shell.quote(dir.toString());
        }

        @Override
        public String describe() {
            return "remove " + dir;
        }
    }

    /**
     * Set {@code key} in a Compose {@code .env} file to {@code value}, changing only that key's line(s) and keeping
     * their quoting (appending {@code KEY='value'} when absent), atomically and keeping the file's mode and owner.
     * The backend applies it with {@link seatablemigrate.core.model.EnvFile#withValue}.
     */
    record SetEnvValue(Path envFile, String key, String value) implements Change {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.setEnvValue(this);
        }

        public SetEnvValue {
            requireNonNull(envFile, "envFile is null");
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            seatablemigrate.core.model.EnvFile.requireWritable(key, value);
        }

        /** The awk program of the shell form; a resource so that it reads (and is reviewed) as a program. */
        private static final String AWK = resource("set-env-value.awk");

        /**
         * {@code cp -p} makes the temporary file with the original's mode and owner (POSIX, where GNU's
         * {@code --reference} is not); the key and value reach awk through its environment, uninterpreted; the
         * temporary file is removed when anything fails.
         */
        @Override
        public String shell() {
            return "(" + replacing(envFile) + " nl=0; [ -n \"$(tail -c 1 -- \"$t\")\" ] || nl=1; if ! { cp -p -- \"$t\" \"$tmp\" && SM_KEY="
                    + Shell.quote(key) + " SM_VALUE=" + Shell.quote(value) + " SM_NL=$nl LC_ALL=C awk " + Shell.quote(AWK)
                    + " \"$t\" > \"$tmp\" && mv -f -- \"$tmp\" \"$t\"; }; then rm -f -- \"$tmp\"; exit 1; fi)";
        }

        @Override
        public String describe() {
            return "set " + key + " in " + envFile;
        }
    }

    /**
     * Run {@code command} inside a running container (no TTY) and write its stdout to the host file {@code target}, made
     * anew with mode 0600. A command that needs a secret reads it inside the container; none is ever on a host command
     * line.
     *
     * @param what what it does, for people ({@code dump ccnet_db, dtable_db to databases.sql})
     */
    record ContainerToFile(String container, List<String> command, Path target, String what) implements Change {
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

    /** Write {@code SHA256SUMS} in {@code dir} (mode 0600) for the named files, in {@code sha256sum}'s format. */
    record WriteChecksums(Path dir, List<String> fileNames) implements Change {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.writeChecksums(this);
        }

        public static final String FILE_NAME = "SHA256SUMS";

        public WriteChecksums {
            requireNonNull(dir, "dir is null");
            fileNames = List.copyOf(fileNames);
        }

        @Override
        public String shell() {
            return "(cd " + Shell.quote(dir.toString()) + " && umask 077 && sha256sum -- " + Shell.join(fileNames)
                    + " > " + FILE_NAME + ")";
        }

        @Override
        public String describe() {
            return "write checksums of " + fileNames.size() + " files";
        }
    }

    /**
     * Append {@code <UTC time to the second> <text>} as one line to a journal file (created with mode 0600 when
     * missing). The time is taken when the change is applied, so a recorded script stamps its own lines.
     */
    record AppendJournalLine(Path file, String text) implements Change {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.appendJournalLine(this);
        }

        /** The time format of both forms: {@code date -u +%Y-%m-%dT%H:%M:%SZ}. */
        public static final java.time.format.DateTimeFormatter TIME =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC);

        public AppendJournalLine {
            requireNonNull(file, "file is null");
            if (text.contains("\n")) {
                throw new IllegalArgumentException("one line only");
            }
        }

        /** The line as written at {@code now}. */
        public String line(java.time.Instant now) {
            return TIME.format(now) + " " + text;
        }

        @Override
        public String shell() {
            return "(umask 077 && printf '%s %s\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" " + Shell.quote(text) + " >> "
                    + Shell.quote(file.toString()) + ")";
        }

        @Override
        public String describe() {
            return "append to " + file.getFileName();
        }
    }

    /**
     * The start of every shell form that replaces a file: {@code $t} is the file itself (a symlink followed, so that
     * its target is replaced beside itself), {@code $tmp} the temporary file beside it.
     */
    private static String replacing(Path file) {
        return "t=" + Shell.quote(file.toString()) + "; if [ -L \"$t\" ]; then t=$(readlink -f -- \"$t\"); fi; tmp=\"$t.seatable-migrate.tmp\";";
    }

    /** A text resource beside this interface (UTF-8). */
    private static String resource(String name) {
        try (java.io.InputStream in = Change.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

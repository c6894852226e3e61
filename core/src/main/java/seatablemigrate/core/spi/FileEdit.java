package seatablemigrate.core.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import seatablemigrate.core.model.EnvFile;

/**
 * Changes to files whose content the host works out when they are made: {@code .env} edited in place (its passwords
 * never leave the host), checksums of the backup's files, a journal line stamped with the host's time.
 */
public sealed interface FileEdit extends Change permits FileEdit.SetEnvValue, FileEdit.AddGeneratedSecret, FileEdit.WriteChecksums,
        FileEdit.AppendJournalLine {
    /**
     * Set {@code key} in a Compose {@code .env} file to {@code value}, changing only that key's line(s) and keeping
     * their quoting (appending {@code KEY='value'} when absent), atomically and keeping the file's mode and owner.
     * The backend applies it with {@link seatablemigrate.core.model.EnvFile#withValue}.
     */
    record SetEnvValue(Path envFile, String key, String value) implements FileEdit {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.setEnvValue(this);
        }

        public SetEnvValue {
            requireNonNull(envFile, "envFile is null");
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            EnvFile.requireWritable(key, value);
        }

        /** The awk program of the shell form; a resource so that it reads (and is reviewed) as a program. */
        private static final String AWK = FileShell.resource("set-env-value.awk");

        /**
         * {@code cp -p} makes the temporary file with the original's mode and owner (POSIX, where GNU's
         * {@code --reference} is not); the key and value reach awk through its environment, uninterpreted; the
         * temporary file is removed when anything fails.
         */
        @Override
        public String shell() {
            return "(" + FileShell.replacing(envFile) + edit(key, Shell.quote(value), false) + ")";
        }

        /**
         * The edit of {@code "$t"} through a temporary file, with the value as one shell word ({@code value}); with
         * {@code ifAbsent} a key that is set already keeps its value.
         */
        static String edit(String key, String value, boolean ifAbsent) {
            return " nl=0; [ -n \"$(tail -c 1 -- \"$t\")\" ] || nl=1; if ! { cp -p -- \"$t\" \"$tmp\" && SM_KEY="
                    + Shell.quote(key) + " SM_VALUE=" + value + (ifAbsent ? " SM_IF_ABSENT=1" : "") + " SM_NL=$nl LC_ALL=C awk " + Shell.quote(AWK)
                    + " \"$t\" > \"$tmp\" && mv -f -- \"$tmp\" \"$t\"; }; then rm -f -- \"$tmp\"; exit 1; fi";
        }

        @Override
        public String describe() {
            return "set " + key + " in " + envFile;
        }
    }

    /**
     * Add {@code key} to a Compose {@code .env} file with a secret generated on the host ({@link #LENGTH} hex digits from
     * its random source) when the key is not set there; a key that is set keeps its value (so running it again never
     * replaces a secret in use). The value never leaves the host: no rendering, log or process argument holds it. Applied
     * like {@link SetEnvValue}: atomically, keeping the file's mode and owner.
     */
    record AddGeneratedSecret(Path envFile, String key) implements FileEdit {
        /** The secret's length in hex digits (192 bits). */
        public static final int LENGTH = 48;

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.addGeneratedSecret(this);
        }

        public AddGeneratedSecret {
            requireNonNull(envFile, "envFile is null");
            requireNonNull(key, "key is null");
            EnvFile.requireWritable(key, "0");
        }

        /** {@code od} reads exactly the bytes it needs (no pipe is cut short, which {@code pipefail} would count as a failure). */
        @Override
        public String shell() {
            return "(" + FileShell.replacing(envFile) + " sm_v=$(od -An -N" + LENGTH / 2 + " -tx1 /dev/urandom | tr -d ' \\n');"
                    + " if [ ${#sm_v} -ne " + LENGTH + " ]; then exit 1; fi;" + SetEnvValue.edit(key, "\"$sm_v\"", true) + ")";
        }

        @Override
        public String describe() {
            return "add " + key + " to " + envFile + " (generated on the host)";
        }
    }

    /** Write {@code SHA256SUMS} in {@code dir} (mode 0600) for the named files, in {@code sha256sum}'s format. */
    record WriteChecksums(Path dir, List<String> fileNames) implements FileEdit {
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
    record AppendJournalLine(Path file, String text) implements FileEdit {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.appendJournalLine(this);
        }

        /** The time format of both forms: {@code date -u +%Y-%m-%dT%H:%M:%SZ}. */
        public static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

        public AppendJournalLine {
            requireNonNull(file, "file is null");
            if (text.contains("\n")) {
                throw new IllegalArgumentException("one line only");
            }
        }

        /** The line as written at {@code now}. */
        public String line(Instant now) {
            return TIME.format(now) + " " + text;
        }

        @Override
        public String shell() {
            return shell(file, Shell.quote(text));
        }

        /**
         * The same form for a text a script knows only when it runs ({@code "FAILED $STEP ..."}).
         *
         * @param word the text as one shell word, quoted by the caller
         */
        public static String shell(Path file, String word) {
            return "(umask 077 && printf '%s %s\\n' \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" " + word + " >> " + Shell.quote(file.toString()) + ")";
        }

        @Override
        public String describe() {
            return "append to " + file.getFileName();
        }
    }
}

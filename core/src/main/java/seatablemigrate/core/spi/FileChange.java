package seatablemigrate.core.spi;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Changes to files whose content is known when the plan is made: a folder, a copy, bytes written, a file or folder
 * removed. Files are replaced atomically (a temporary file beside the target, then a rename).
 */
public sealed interface FileChange extends Change permits FileChange.MakeDirectory, FileChange.CopyFile, FileChange.WriteFile,
        FileChange.RemoveFile, FileChange.RemoveDirectory {
    /**
     * Create a directory, as its {@link Kind} says.
     */
    record MakeDirectory(Path dir, int mode, Kind kind) implements FileChange {
        /** What may be there already. */
        public enum Kind {
            /** Missing parents are created too, then the directory gets these permission bits; no error when it exists. */
            ENSURE,
            /**
             * The directory itself must not exist yet (nor a symlink of its name), missing parents are created: a run
             * folder is always new, so nothing placed there before can redirect what the run writes.
             */
            FRESH,
            /**
             * The tool's own folder (its state): created with these bits when nothing is there (the parent must exist);
             * it fails, changing nothing, when what is there is a symlink, not a folder, or not the tool's own by
             * {@link Ownership} (another user's, or writable by group or others). An existing one keeps its mode.
             */
            OWN
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.makeDirectory(this);
        }

        public MakeDirectory {
            requireNonNull(dir, "dir is null");
            requireNonNull(kind, "kind is null");
        }

        public MakeDirectory(Path dir, int mode) {
            this(dir, mode, Kind.ENSURE);
        }

        /** A directory that this change creates itself: it fails when anything of that name exists. */
        public static MakeDirectory fresh(Path dir, int mode) {
            return new MakeDirectory(dir, mode, Kind.FRESH);
        }

        /** The tool's own folder, created when missing; it fails when what is there is not the tool's own. */
        public static MakeDirectory own(Path dir, int mode) {
            return new MakeDirectory(dir, mode, Kind.OWN);
        }

        /** Whether the directory must not exist yet. */
        public boolean exclusive() {
            return kind == Kind.FRESH;
        }

        @Override
        public String shell() {
            String d = Shell.quote(dir.toString());
            String m = Integer.toOctalString(mode);
            return switch (kind) {
                case FRESH -> "mkdir -p -- " + Shell.quote(dir.getParent().toString()) + " && mkdir -m " + m + " -- " + d;
                case ENSURE -> "mkdir -p -- " + d + " && chmod " + m + " " + d;
                case OWN -> "(d=" + d + "; " + Ownership.shellOwnFolder("d", mode)
                        + " if [ -n \"$sm_why\" ]; then echo \"$d $sm_why: refusing it as seatable-migrate's own folder\" >&2; exit 1; fi)";
            };
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
    record CopyFile(Path source, Path target, int mode, boolean unlessSame) implements FileChange {
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
            return "(s=" + Shell.quote(source.toString()) + "; " + FileShell.replacing(target)
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
    record WriteFile(Path target, byte[] content, int mode) implements FileChange {
        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.writeFile(this);
        }

        public WriteFile {
            requireNonNull(target, "target is null");
            content = content.clone();
            // The shell form holds the content as text: only UTF-8 without NUL can be written byte for byte by both forms.
            try {
                String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
                if (text.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("content with NUL bytes cannot be written by a shell form");
                }
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("content that is not UTF-8 cannot be written by a shell form", e);
            }
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public String shell() {
            String text = new String(content, StandardCharsets.UTF_8);
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
            return "(" + FileShell.replacing(target)
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
    record RemoveFile(Path target) implements FileChange {
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
     * Remove a backup folder and everything in it; no error when it does not exist, and a symlink of that name is removed
     * itself. It fails, removing nothing, when anything in the folder (or the folder) is a symlink, another user's, or
     * writable by group or others ({@link Ownership}): then nobody else can change the tree while it is removed. The
     * local backend removes it with relative, link-refusing operations ({@code SecureDirectoryStream}), so even a
     * change by the tool's own user cannot redirect the removal; the shell form checks with {@code find} and then runs
     * {@code rm -rf}, which never follows a link inside.
     */
    record RemoveDirectory(Path dir) implements FileChange {
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
            return "(d=" + Shell.quote(dir.toString()) + "; if [ -L \"$d\" ]; then rm -f -- \"$d\"; exit 0; fi; if [ ! -e \"$d\" ]; then exit 0; fi;"
                    + " sm_bad=$(" + Ownership.shellTreeCheck("\"$d\"") + ") || exit 1;"
                    + " if [ -n \"$sm_bad\" ]; then printf 'refusing to remove %s: what is in it must be the tool'\\''s own (no symlink, no other"
                    + " owner, writable by no one else):\\n%s\\n' \"$d\" \"$sm_bad\" >&2; exit 1; fi; rm -rf -- \"$d\")";
        }

        @Override
        public String describe() {
            return "remove " + dir;
        }
    }
}

package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.spi.Shell;

/**
 * SeaTable's official release files (what its release repository publishes for a tag as {@code seatable-compose.tar.gz}:
 * the predefined compose files and the {@code .env-release} template), as exported into a folder on the machine the tool
 * runs on ({@code --release-files DIR}). The folder holds one export per release, named by its version with or without
 * the tag's {@code v} ({@code DIR/v6.1.8}, {@code DIR/6.0.10}); an export holds the files themselves or a
 * {@code compose/} folder with them (a {@code git archive} of the tag). Everything in it is untrusted: only plain names,
 * regular files (no symlinks) of at most {@link #MAX_FILE_BYTES} in UTF-8 are read; anything else refuses the folder.
 *
 * @param root     the folder given
 * @param releases the exports found, by version
 */
public record ReleaseFiles(Path root, Map<SeaTableVersion, Release> releases) implements ReleaseSource {
    /** The template of {@code .env} in a release. */
    public static final String ENV_TEMPLATE = ".env-release";
    /** The most bytes an official file may have. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ReleaseFiles {
        requireNonNull(root, "root is null");
        releases = Map.copyOf(releases);
    }

    /**
     * One release's official files.
     *
     * @param version the release
     * @param dir     where they were read
     * @param files   each compose file's text by name ({@code *.yml}, {@code *.yaml})
     * @param env     the {@code .env} template's text, when the release has one
     */
    public record Release(SeaTableVersion version, Path dir, Map<String, String> files, Optional<String> env) {
        public Release {
            requireNonNull(version, "version is null");
            requireNonNull(dir, "dir is null");
            files = Map.copyOf(files);
            requireNonNull(env, "env is null");
        }
    }

    /** The folder is not an export of SeaTable's release files; the message says what is wrong. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /** Reads every export in {@code root}. Throws {@link FormatException} naming what is not as described above. */
    public static ReleaseFiles read(Path root) throws FormatException {
        Map<SeaTableVersion, Release> releases = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Optional<SeaTableVersion> version = SeaTableVersion.parse(name.startsWith("v") ? name.substring(1) : name);
                if (version.isEmpty() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a README, a tarball beside the exports: not an export
                }
                if (releases.put(version.get(), readExport(version.get(), entry)) != null) {
                    throw new FormatException(root + " holds two exports of release " + version.get() + ": keep one");
                }
            }
        } catch (IOException e) {
            throw new FormatException("the release files " + root + " cannot be read: " + e.getMessage());
        }
        if (releases.isEmpty()) {
            throw new FormatException(root + " holds no export of SeaTable's release files (a folder per release, e.g. v6.1.8, with the"
                    + " files of its seatable-compose.tar.gz)");
        }
        return new ReleaseFiles(root, releases);
    }

    /**
     * Reads one release's export {@code export} (the files themselves, or a {@code compose/} folder with them) by the rules
     * above; a source that fetches the files checks what it fetched with this, so that both are held to the same rules.
     */
    public static Release readExport(SeaTableVersion version, Path export) throws IOException, FormatException {
        Path compose = export.resolve("compose");
        return release(version, Files.isDirectory(compose, LinkOption.NOFOLLOW_LINKS) ? compose : export);
    }

    private static Release release(SeaTableVersion version, Path dir) throws IOException, FormatException {
        Map<String, String> files = new TreeMap<>();
        Optional<String> env = Optional.empty();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean yml = name.endsWith(".yml") || name.endsWith(".yaml");
                if (!yml && !name.equals(ENV_TEMPLATE)) {
                    continue; // the release's other folders and files (tools, migrate scripts) are not compose files
                }
                BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if ((yml && !FILE.matcher(name).matches()) || !a.isRegularFile()) {
                    throw new FormatException(dir + " holds " + Shell.describeName(name) + ", which is not a plain regular file");
                }
                if (a.size() > MAX_FILE_BYTES) {
                    throw new FormatException(dir.resolve(name) + " is larger than an official file can be (" + MAX_FILE_BYTES + " bytes)");
                }
                String text = text(dir.resolve(name), Files.readAllBytes(entry));
                if (yml) {
                    files.put(name, text);
                } else {
                    env = Optional.of(text);
                }
            }
        }
        if (files.isEmpty()) {
            throw new FormatException(dir + " holds no compose file (*.yml) of release " + version);
        }
        return new Release(version, dir, files, env);
    }

    private static String text(Path file, byte[] bytes) throws FormatException {
        String text = utf8(bytes).orElseThrow(() -> new FormatException(file + " is not UTF-8 text: it is no compose file"));
        if (text.indexOf('\0') >= 0) {
            throw new FormatException(file + " holds NUL bytes: it is no compose file");
        }
        return text;
    }

    /** The bytes as UTF-8 text; empty when they are not UTF-8 (nothing is replaced). */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * The release files for {@code version}: its own export, else the newest export of its MAJOR.MINOR (the compose files of
     * a release line change rarely between patches; the image is named in {@code .env} either way).
     */
    public Optional<Release> forVersion(SeaTableVersion version) {
        Release own = releases.get(version);
        if (own != null) {
            return Optional.of(own);
        }
        return releases.values().stream().filter(r -> r.version().sameMinor(version)).max(Comparator.comparing(Release::version));
    }

    /** A folder given is its own source: read when the option was given, it names no note. */
    @Override
    public Provided provide(SeaTableVersion running, SeaTableVersion target) {
        return new Provided(this, List.of());
    }

    /** The versions exported, oldest first. */
    public List<SeaTableVersion> versions() {
        return releases.keySet().stream().sorted().toList();
    }
}

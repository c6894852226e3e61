package seatablemigrate.core.runfolder;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.SeaTableVersion;

/**
 * A run folder's {@code manifest.json}: where the backup came from and what it holds. Written by the planner (the
 * backup step's last file), read by the backup catalog and by the recovery of an interrupted run. The file is read
 * from a folder the tool does not control: {@link #parse} yields empty for anything malformed or incomplete, so that
 * accessors of a parsed manifest never fail.
 *
 * @param envMode   {@code .env}'s permission bits, in octal ({@code "600"})
 * @param licenseMode the license file's permission bits, in octal ({@code "644"}), or null: absent from the file
 *                  (manifests written before it was recorded), read as {@link #DEFAULT_LICENSE_MODE}
 * @param files     the saved files, relative to the run folder, that {@link #checksums} covers
 * @param checksums the checksum file's name
 * @param intent    {@code upgrade}, or absent for a switch (as every manifest written before upgrades); an upgrade's
 *                  way back restores the databases and SeaTable's configuration folder
 * @param seatableConf the files of SeaTable's configuration folder saved in {@link RunFolder#SEATABLE_CONF_DIR} (an
 *                  upgrade's backup), by name and mode; where they go back is decided by the inspection, never by this file
 * @param releaseFiles what an upgrade changed in the project's compose files, or null: none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupManifest(String tool, String created, String host, String composeDir, Side from, Side to, boolean databaseDump,
                             List<String> databases, String envMode, boolean licenseExisted,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String licenseMode, List<String> files, String checksums,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String intent,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SavedFile> seatableConf,
                             @JsonInclude(JsonInclude.Include.NON_NULL) ReleaseUpdate releaseFiles) {
    /** The {@code tool} field the planner writes into every manifest. */
    public static final String TOOL = "seatable-migrate";
    /** The license file's mode when the manifest names none, as the tool wrote licenses before it recorded their mode. */
    public static final int DEFAULT_LICENSE_MODE = 0644;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One side of the switch, as text in the file ({@code enterprise}, {@code 5.3.4}, the image reference). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Side(String edition, String version, String image) {
        public Side {
            image = image == null ? "" : image;
        }

        public Side(Edition edition, SeaTableVersion version, String image) {
            this(edition.id(), version.toString(), image);
        }

        public Edition parsedEdition() {
            return Edition.parse(edition).orElseThrow();
        }

        public SeaTableVersion parsedVersion() {
            return SeaTableVersion.parse(version).orElseThrow();
        }

        boolean valid() {
            return edition != null && version != null && Edition.parse(edition).isPresent()
                    && SeaTableVersion.parse(version).isPresent();
        }
    }

    public BackupManifest {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        databases = List.copyOf(databases == null ? List.of() : databases);
        files = List.copyOf(files == null ? List.of() : files);
        seatableConf = List.copyOf(seatableConf == null ? List.of() : seatableConf);
    }

    /** A manifest of an edition switch (no configuration folder saved) without the license's mode (read back as {@link #DEFAULT_LICENSE_MODE}). */
    public BackupManifest(String tool, String created, String host, String composeDir, Side from, Side to, boolean databaseDump,
                          List<String> databases, String envMode, boolean licenseExisted, List<String> files, String checksums) {
        this(tool, created, host, composeDir, from, to, databaseDump, databases, envMode, licenseExisted, null, files, checksums, null, List.of(),
                null);
    }

    /**
     * One saved file of SeaTable's configuration folder.
     *
     * @param name its name there and in {@link RunFolder#SEATABLE_CONF_DIR}
     * @param mode its permission bits, in octal
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SavedFile(String name, String mode) {
        /** Whether {@code name} is a plain file name: one path element, not {@code .} or {@code ..}, only {@code [A-Za-z0-9._-]}. */
        public static boolean plainName(String name) {
            return name != null && name.matches("[A-Za-z0-9._-]{1,255}") && !name.equals(".") && !name.equals("..");
        }

        boolean valid() {
            return plainName(name) && modeBits().isPresent();
        }

        /** The permission bits. */
        public Optional<Integer> modeBits() {
            return octal(mode);
        }
    }

    /**
     * The compose files an upgrade replaced with its release's (saved, like every compose file, in the config folder) and
     * the services only the new files define; the way back restores the files and removes those services' containers.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReleaseUpdate(List<String> files, List<String> addedServices) {
        public ReleaseUpdate {
            files = List.copyOf(files == null ? List.of() : files);
            addedServices = List.copyOf(addedServices == null ? List.of() : addedServices);
        }

        boolean valid() {
            return files.stream().allMatch(SavedFile::plainName) && addedServices.stream().allMatch(SavedFile::plainName);
        }
    }

    /** What an upgrade changed in the compose files; empty when it changed none. */
    public Optional<ReleaseUpdate> releaseUpdate() {
        return Optional.ofNullable(releaseFiles);
    }

    /** Whether the run was an upgrade (its way back restores the databases and SeaTable's configuration folder). */
    public boolean upgrade() {
        return "upgrade".equals(intent);
    }

    /** The manifest in a file's bytes; empty when they are no manifest of this tool or lack a field the readers need. */
    public static Optional<BackupManifest> parse(byte[] bytes) {
        try {
            BackupManifest m = JSON.readValue(bytes, BackupManifest.class);
            return m.from.valid() && m.to.valid() && m.composeDir != null && m.envModeBits().isPresent()
                    && m.licenseModeBits().isPresent() && m.seatableConf.stream().allMatch(SavedFile::valid)
                    && (m.releaseFiles == null || m.releaseFiles.valid()) && (m.intent == null || m.intent.equals("switch") || m.intent.equals("upgrade"))
                    ? Optional.of(m) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code .env}'s permission bits. */
    public Optional<Integer> envModeBits() {
        return octal(envMode == null ? "600" : envMode);
    }

    /** The license file's permission bits; {@link #DEFAULT_LICENSE_MODE} when the manifest names none. */
    public Optional<Integer> licenseModeBits() {
        return licenseMode == null ? Optional.of(DEFAULT_LICENSE_MODE) : octal(licenseMode);
    }

    /** Permission bits in octal ({@code 0} to {@code 7777}); empty for anything else. */
    private static Optional<Integer> octal(String text) {
        try {
            int mode = Integer.parseInt(text == null ? "" : text, 8);
            return mode >= 0 && mode <= 07777 ? Optional.of(mode) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The file's bytes: pretty-printed JSON with a final newline. */
    public byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this).concat("\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

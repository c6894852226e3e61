package seatablemigrate.core.runfolder;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
 * @param files     the saved files, relative to the run folder, that {@link #checksums} covers
 * @param checksums the checksum file's name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupManifest(String tool, String created, String host, String composeDir, Side from, Side to, boolean databaseDump,
                             List<String> databases, String envMode, boolean licenseExisted, List<String> files, String checksums) {
    /** The {@code tool} field the planner writes into every manifest. */
    public static final String TOOL = "seatable-migrate";
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
    }

    /** The manifest in a file's bytes; empty when they are no manifest of this tool or lack a field the readers need. */
    public static Optional<BackupManifest> parse(byte[] bytes) {
        try {
            BackupManifest m = JSON.readValue(bytes, BackupManifest.class);
            return m.from.valid() && m.to.valid() && m.composeDir != null && m.envModeBits().isPresent() ? Optional.of(m) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code .env}'s permission bits. */
    public Optional<Integer> envModeBits() {
        try {
            int mode = Integer.parseInt(envMode == null ? "600" : envMode, 8);
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

package seatablemigrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/** The tool's version, one source: the POM's, written into {@code version.txt} by Maven's resource filtering. */
final class Versions {
    static final String TOOL = read();

    private Versions() {}

    private static String read() {
        try (InputStream in = Versions.class.getResourceAsStream("version.txt")) {
            String v = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code --version} for picocli. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"seatable-migrate " + TOOL};
        }
    }
}

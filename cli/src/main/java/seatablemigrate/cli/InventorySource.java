package seatablemigrate.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.fleet.AnsibleInventoryJson;
import seatablemigrate.core.fleet.Inventory;
import seatablemigrate.core.fleet.InventoryFiles;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.LocalCommand;

/**
 * Reads {@code --inventory}: Ansible's own {@code ansible-inventory --list} when it is installed (every form Ansible
 * reads), otherwise our reader of INI and YAML files; a file of targets is read directly either way.
 */
final class InventorySource {
    /** Set to a program name to use instead of {@code ansible-inventory} (tests: a missing one forces the fallback). */
    static final String PROGRAM = System.getProperty("seatable-migrate.ansible-inventory", "ansible-inventory");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private InventorySource() {}

    static Inventory read(String source) {
        Path file = Path.of(source);
        if (!Files.exists(file)) {
            if (source.contains(",")) {
                // Ansible's inline host list: -i 'h1,h2,'
                return Inventory.ofTargets(String.join("\n", source.split(",")));
            }
            throw new UsageException("--inventory " + source + ": no such file or directory");
        }
        if (Files.isRegularFile(file) && !Files.isExecutable(file)) {
            String text = text(file);
            if (InventoryFiles.isTargetList(text)) {
                return InventoryFiles.parse(text, source);
            }
            return ansibleInstalled() ? ansible(source) : InventoryFiles.parse(text, source);
        }
        if (!ansibleInstalled()) {
            throw new UsageException("--inventory " + source + " is a " + (Files.isDirectory(file) ? "directory" : "script")
                    + ", which only Ansible reads: install Ansible (ansible-core), or give an INI or YAML file");
        }
        return ansible(source);
    }

    private static String text(Path file) {
        try {
            if (Files.size(file) > 16 * 1024 * 1024) {
                throw new UsageException("--inventory " + file + " is larger than 16 MiB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new UsageException("--inventory " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("cannot read --inventory " + file + ": " + e.getMessage());
        }
    }

    static boolean ansibleInstalled() {
        return LocalCommand.onPath(PROGRAM).isPresent();
    }

    private static Inventory ansible(String source) {
        ExecResult r = LocalCommand.of(List.of(PROGRAM, "-i", source, "--list"), TIMEOUT).run();
        String errors = r.stderr().strip();
        if (r.exitCode().isEmpty()) {
            throw new UsageException(PROGRAM + " -i " + source + " --list did not answer within " + TIMEOUT.toSeconds() + " s");
        }
        if (!r.succeeded() || errors.contains("[WARNING]: Unable to parse") || errors.contains("[WARNING]:  * Failed to parse")) {
            throw new UsageException(PROGRAM + " could not read " + source + ": " + lastLines(errors));
        }
        return AnsibleInventoryJson.parse(r.stdout().getBytes(StandardCharsets.UTF_8));
    }

    private static String lastLines(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}

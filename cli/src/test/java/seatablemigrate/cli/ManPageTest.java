package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.runfolder.RunPointer;

/**
 * seatable-migrate(1) as {@code man} shows it, and the exit codes wherever they are listed: the man page has every
 * command (backups prune too), the environment it reads, the files it keeps, and the exit status; the help's list of
 * exit codes is Outcome's codes, and the README's table is that list, once.
 */
class ManPageTest {
    @TempDir
    Path tmp;

    /** The man page as groff renders it for a terminal (plain text, no hyphenation, wide). */
    private String rendered() throws Exception {
        LocalMigrationIT.Run r = LocalMigrationIT.cli("generate-man-page");
        assertThat(r.exit()).as(r.err()).isZero();
        Path page = tmp.resolve("seatable-migrate.1");
        Files.writeString(page, r.out());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff renders man pages (man-db's groff-base)");
        Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-rLL=200n", "-rHY=0", "-P-c", "-P-b", "-P-u", page.toString())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String warnings = new String(groff.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(groff.waitFor()).isZero();
        assertThat(warnings).as("groff's warnings").isEmpty();
        return out.replaceAll("[ \\t]+", " ");
    }

    /** The text of one section (a heading in capitals on its own line) up to the next one. */
    private static String section(String page, String heading) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(heading) + "\\n(.*?)(?=^[A-Z][A-Z ]+\\n|\\z)", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("section %s in%n%s", heading, page).isTrue();
        return m.group(1);
    }

    @Test
    void theManPageHasEnvironmentFilesExitStatusAndEveryCommand() throws Exception {
        String page = rendered();
        String environment = section(page, "ENVIRONMENT");
        for (String variable : List.of("NO_COLOR", "COLUMNS", "TERM", "SEATABLE_MIGRATE_SSH_PASSPHRASE", "SSH_AUTH_SOCK", "DOCKER_HOST",
                "DOCKER_CONFIG", "SEATABLE_MIGRATE_NO_CDS")) {
            assertThat(environment).as(variable).containsPattern("(?m)^ " + variable + "\\b");
        }
        String files = section(page, "FILES");
        assertThat(files).contains(MigrationRequest.DEFAULT_BACKUP_ROOT.toString(), MigrationRequest.DEFAULT_COMPOSE_DIR.toString(),
                RunPointer.DIR.toString(), RunPointer.LOCK_DIR.toString(), "SHA256SUMS", "journal.log", "seatable-migrate.log", "~/.ssh/known_hosts");
        String exit = section(page, "EXIT STATUS");
        Map<String, String> codes = new CommandLine(new SeatableMigrateCommand()).getCommandSpec().usageMessage().exitCodeList();
        codes.forEach((code, meaning) -> assertThat(exit).containsPattern("(?m)^ " + code.strip() + "\\s+" + Pattern.quote(meaning.split(" ")[0])));
        String commands = section(page, "COMMANDS");
        for (String c : List.of("status", "doctor", "plan", "migrate", "backups", "backups prune", "rollback", "version", "generate-completion")) {
            assertThat(commands).containsPattern("(?m)^ " + Pattern.quote(c) + "$");
        }
        assertThat(commands).contains("--keep N", "--older-than DURATION");
        assertThat(page).doesNotContain("${DEFAULT-VALUE}").doesNotContain("%n");
    }

    @Test
    void theExitCodesAreOutcomesCodesAndTheReadmeListsThemOnce() throws Exception {
        Map<String, String> codes = new CommandLine(new SeatableMigrateCommand()).getCommandSpec().usageMessage().exitCodeList();
        List<Integer> listed = codes.keySet().stream().map(String::strip).map(Integer::parseInt).toList();
        assertThat(listed).as("each code once, in order").isSorted().doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Outcome.values()).map(Outcome::exitCode).distinct().toList());

        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("### Exit codes"));
        section = section.substring(0, section.indexOf("\n#", 3));
        // One table: a header, its rule, then a row per code, with no blank line or second table between.
        List<String> tables = Arrays.stream(section.split("\\n\\s*\\n")).filter(b -> b.strip().startsWith("|")).toList();
        assertThat(tables).as(section).hasSize(1);
        List<Integer> rows = tables.get(0).lines().skip(2).map(l -> Integer.parseInt(l.split("\\|")[1].strip())).toList();
        assertThat(rows).isEqualTo(listed);
    }

    @Test
    void theReadmeSaysWhatTheDefaultVersionIsAsTheHelpDoes() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md")).replaceAll("\\s+", " ");
        String help = HelpLayoutTest.help(200, List.of("plan")).out().replaceAll("\\s+", " ");
        // The code (Planner.resolveTarget): without --version, or with latest, the newest X.Y.Z of the running MAJOR.MINOR
        // among the registry's tags and the local images.
        assertThat(help).contains("Default and latest: the newest X.Y.Z of that MAJOR.MINOR that the image's registry lists or the host has"
                + " locally.");
        assertThat(readme).contains("default and `latest`: the newest X.Y.Z of that MAJOR.MINOR that the image's registry lists or the host"
                + " has locally").doesNotContain("the running version if that image exists");
    }
}

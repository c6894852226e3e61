package seatablemigrate.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.inspect.ContainerQueries;
import seatablemigrate.core.inspect.MariaDbCommands;
import seatablemigrate.core.plan.Verification;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.testing.FakeHost;

/**
 * Database names come from the host's {@code SHOW DATABASES}; the dump check is the last word on whether a backup holds
 * the data. A name is never an option of the dump tool, and a dump that lacks the rows of a table that had rows fails,
 * in Java ({@link Verifier}) and in the audit script ({@code dump_complete}) alike: both forms read the same files here.
 */
class DumpCheckTest {
    private static final String HEADER = "-- seatable-migrate rows: `ccnet_db`.`Users`\n-- seatable-migrate rows: `dtable_db`.`dtables`\n"
            + "-- seatable-migrate tables with rows: 2\n";
    private static final String START = "-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB\n--\n-- Host: localhost\n";
    private static final String END = "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n\n-- Dump completed on 2026-12-02 10:00:00\n";

    @TempDir
    Path tmp;

    private static String database(String name, String tables) {
        return "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `" + name + "`;\n\nUSE `" + name + "`;\n" + tables;
    }

    private static String table(String name, boolean rows) {
        return "DROP TABLE IF EXISTS `" + name + "`;\nCREATE TABLE `" + name + "` (\n  `id` int(11) NOT NULL\n) ENGINE=InnoDB;\n\n"
                + "--\n-- Dumping data for table `" + name + "`\n--\n\nLOCK TABLES `" + name + "` WRITE;\n"
                + (rows ? "INSERT INTO `" + name + "` VALUES (1),(2),(3);\n" : "") + "UNLOCK TABLES;\n";
    }

    private static String schemaOnly(String name) {
        return "DROP TABLE IF EXISTS `" + name + "`;\nCREATE TABLE `" + name + "` (\n  `id` int(11) NOT NULL\n) ENGINE=InnoDB;\n";
    }

    /** What both forms of the check say about {@code dump}: empty when it passes, else the Java form's reason. */
    private Optional<String> check(String dump) throws Exception {
        Path file = tmp.resolve("run").resolve("databases.sql");
        FakeHost host = new FakeHost(tmp.resolve("compose"));
        host.file(file, dump);
        Optional<String> java = new Verifier(host, new Interruption()).verify(new Verification.DumpComplete(file), tmp.resolve("compose"),
                "seatable-server", Reporter.NONE);

        Files.createDirectories(file.getParent());
        Files.writeString(file, dump);
        Path script = tmp.resolve("check.sh");
        Files.writeString(script, Verifier.SHELL_FUNCTIONS + "\ndump_complete \"$1\"\n");
        Process p = new ProcessBuilder("bash", script.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue() == 0).as("the shell form agrees with the Java form (%s) on:\n%s\nshell said: %s", java, dump, out)
                .isEqualTo(java.isEmpty());
        assertThat(out).as("the shell's message is one plain line").doesNotContain("\u001b").satisfies(o -> assertThat(o.lines().count()).isLessThanOrEqualTo(1));
        return java;
    }

    @Test
    void aCompleteDumpWithTheRowsOfEveryCountedTablePasses() throws Exception {
        assertThat(check(HEADER + START + database("ccnet_db", table("Users", true) + table("Empty", false))
                + database("dtable_db", table("dtables", true)) + END)).isEmpty();
        assertThat(check("-- seatable-migrate tables with rows: 0\n" + START + database("ccnet_db", table("Empty", false)) + END))
                .as("no table had rows").isEmpty();
    }

    /** mariadb-dump of MariaDB 10.11.18 (Debian bookworm's) ends the INSERT line at VALUES and writes a line per row. */
    @Test
    void aDumpWithOneLinePerRowPasses() throws Exception {
        String rowLines = HEADER + START + database("ccnet_db", table("Users", true)) + database("dtable_db", table("dtables", true)) + END;
        rowLines = rowLines.replace("` VALUES (1),(2),(3);", "` VALUES\n(1),\n(2),\n(3);");
        assertThat(rowLines).contains("INSERT INTO `dtables` VALUES\n(1),\n");
        assertThat(check(rowLines)).isEmpty();
    }

    @Test
    void insertsWithTheirValuesOnTheNextLinesCount() throws Exception {
        String split = "LOCK TABLES `Users` WRITE;\nINSERT INTO `Users` VALUES\n(1,'a@example.org'),\n(2,'b@example.org');\nUNLOCK TABLES;\n";
        assertThat(check(HEADER + START + database("ccnet_db", schemaOnly("Users") + split) + database("dtable_db", table("dtables", true)) + END))
                .isEmpty();
        String odd = "a``b VALUES";
        assertThat(check("-- seatable-migrate rows: `ccnet_db`.`" + odd + "`\n-- seatable-migrate tables with rows: 1\n" + START
                + database("ccnet_db", schemaOnly(odd) + "INSERT INTO `" + odd + "` VALUES\n(1);\n") + END))
                .as("a name with a doubled backtick and VALUES in it").isEmpty();
    }

    @Test
    void aSchemaOnlyDumpOfATableWithRowsFails() throws Exception {
        assertThat(check(HEADER + START + database("ccnet_db", schemaOnly("Users")) + database("dtable_db", schemaOnly("dtables")) + END))
                .hasValueSatisfying(m -> assertThat(m).contains("lacks the rows of").contains("`ccnet_db`.`Users`").contains("`dtable_db`.`dtables`"));
        assertThat(check(HEADER + START + database("ccnet_db", table("Users", true)) + database("dtable_db", table("dtables", false)) + END))
                .as("one database's rows missing").hasValueSatisfying(m -> assertThat(m).contains("`dtable_db`.`dtables`").doesNotContain("Users"));
        assertThat(check(HEADER + START + database("ccnet_db", table("Users", true) + table("dtables", true)) + database("dtable_db", schemaOnly("dtables"))
                + END)).as("a table of the same name in another database does not count").isPresent();
    }

    @Test
    void aDumpWithoutItsRowCountOrItsEndFails() throws Exception {
        assertThat(check(START + database("ccnet_db", schemaOnly("Users")) + END)).as("no count of the tables with rows")
                .hasValueSatisfying(m -> assertThat(m).contains("count"));
        assertThat(check(HEADER.replace("rows: 2", "rows: 3") + START + database("ccnet_db", table("Users", true)) + database("dtable_db",
                table("dtables", true)) + END)).as("a count that does not match its lines").isPresent();
        assertThat(check(HEADER + START + database("ccnet_db", table("Users", true)))).as("cut off").hasValueSatisfying(m -> assertThat(m)
                .contains("incomplete"));
    }

    @Test
    void hostileTableNamesAreNamedPlainly() throws Exception {
        String odd = "x\u001b]0;owned\u0007`` VALUES";
        assertThat(check("-- seatable-migrate rows: `ccnet_db`.`" + odd + "`\n-- seatable-migrate tables with rows: 1\n" + START
                + database("ccnet_db", schemaOnly(odd)) + END)).hasValueSatisfying(m -> assertThat(m).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("x\\x1b]0;owned\\x07"));
    }

    @Test
    void databaseNamesAreNeverOptions() {
        EngineChangeView dump = new EngineChangeView(MariaDbCommands.dump("mariadb", "mariadb-dump", List.of("ccnet_db", "dtable_db", "$weird_1"),
                Path.of("/backup/run/databases.sql")).command());
        assertThat(dump.script()).contains("--databases -- \"$@\"");
        assertThat(dump.arguments()).containsExactly("ccnet_db", "dtable_db", "$weird_1");
        for (String hostile : List.of("--no-data", "-d", "--where=0", "a b", "<img src=x onerror=alert(1)>", "x'y", "", "a".repeat(65), "\u00e9t\u00e9",
                "a\nb")) {
            assertThatThrownBy(() -> MariaDbCommands.dump("mariadb", "mariadb-dump", List.of("ccnet_db", hostile), Path.of("/b/databases.sql")))
                    .as(hostile).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aDatabaseNameOutsideTheRulesIsRefusedNamedSafely() {
        for (String hostile : List.of("--no-data", "<img src=x onerror=alert(1)>", "x\u001b[2Jy", "a".repeat(65))) {
            HostBackend host = mock(HostBackend.class);
            when(host.exec(eq("mariadb"), any(), any())).thenReturn(ExecResult.of(0, "client=mariadb\ndump=mariadb-dump\nccnet_db\n" + hostile
                    + "\ninformation_schema\n--seatable-migrate-sizes--\nccnet_db\t1000\n", ""));
            assertThatThrownBy(() -> new ContainerQueries(host).facts("mariadb")).as(hostile).isInstanceOf(ContainerQueries.DatabaseQueryException.class)
                    .hasMessageContaining("database name").hasMessageContaining("not one this tool dumps")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").doesNotContain("a".repeat(65)));
        }
    }

    /** The dump's container command: {@code sh -c SCRIPT sh ARGS...}. */
    private record EngineChangeView(List<String> command) {
        String script() {
            return command.get(2);
        }

        List<String> arguments() {
            return command.subList(4, command.size());
        }
    }
}

package seatablemigrate.core.run;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import seatablemigrate.core.inspect.ContainerQueries;
import seatablemigrate.core.inspect.MariaDbCommands;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ServerInfo;
import seatablemigrate.core.plan.Verification;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.Shell;

/**
 * Proves verifications on the host. The health wait polls the container's health and {@code /server-info/}
 * until both say the expected edition and version, and stops early on a state that cannot recover (license
 * refused, container gone). Only health and /server-info/ prove a switch: {@code up -d} succeeds regardless.
 */
public final class Verifier {
    static final String DUMP_COMPLETED = MariaDbCommands.DUMP_COMPLETED;
    /**
     * How the dump names a database and a table's rows: {@code USE `db`;}, and {@code INSERT INTO `t` VALUES (...)}, or
     * with the rows on the lines after it ({@code VALUES} ends the line in newer mariadb-dump versions, 10.11.18 among them). A table's name is
     * the quoted identifier after {@code INSERT INTO}, its backticks doubled inside.
     */
    private static final String USE = "USE `";
    private static final String INSERT = "INSERT INTO `";
    private static final String VALUES = " VALUES";
    /** How many missing tables a message names (the count says how many there are). */
    private static final int NAMED = 5;
    /** Enough of a line for its prefix and a table name (64 characters, up to 4 bytes each, backticks doubled). */
    private static final int LINE_START_BYTES = 600;
    /** Reading a dump of gigabytes for its INSERT lines: a local disk or grep on the host, well within this. */
    private static final Duration DUMP_READ_TIMEOUT = Duration.ofMinutes(30);
    private static final List<String> FATAL_LOG_LINES = List.of("Missing SeaTable License!", "SeaTable License Expired!");

    /**
     * The shell form of the verifications, for audit scripts (they use {@code seatable_container} and
     * {@code server_info_is} of {@link ContainerQueries#SHELL_FUNCTIONS}): the same container, fatal log lines, health
     * and /server-info/ answer as {@link #verify}, and the same end of a complete dump.
     */
    public static final String SHELL_FUNCTIONS = String.join("\n",
            "# wait_healthy EDITION VERSION TIMEOUT_SECONDS: healthy and /server-info/ says EDITION VERSION, or fail",
            "wait_healthy() {",
            "  local deadline=$((SECONDS + $3)) c state=''",
            "  while :; do",
            "    c=$(seatable_container)",
            "    if [ -n \"$c\" ]; then",
            "      state=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' \"$c\")",
            "      case \"$state\" in",
            "        exited*|dead*) echo \"SeaTable's container is $state\" >&2; return 1 ;;",
            "      esac",
            "      if docker logs --tail 50 \"$c\" 2>&1 | grep -qF" + FATAL_LOG_LINES.stream().map(l -> " -e " + Shell.quote(l)).collect(Collectors.joining()) + "; then",
            "        echo 'SeaTable refused to start: its log says the license is missing or expired' >&2; return 1",
            "      fi",
            "      if [ \"$state\" = 'running healthy' ] && server_info_is \"$c\" \"$1\" \"$2\"; then",
            "        echo \"SeaTable runs the $1 edition $2, healthy\"; return 0",
            "      fi",
            "    fi",
            "    if [ \"$SECONDS\" -ge \"$deadline\" ]; then",
            "      echo \"SeaTable did not become healthy within $3 s (${state:-no container})\" >&2; return 1",
            "    fi",
            "    echo \"waiting for SeaTable: ${state:-no container}\"",
            "    sleep 2",
            "  done",
            "}",
            "",
            "# dump_complete FILE: a complete dump ends with '" + DUMP_COMPLETED + "' and holds an INSERT for every table its first lines",
            "# count as having rows (" + MariaDbCommands.ROWS_LINE.strip() + " ...), as Verifier checks it",
            "dump_complete() {",
            "  local missing",
            "  tail -n 1 \"$1\" | grep -q '^" + DUMP_COMPLETED + "' || { echo \"the dump $1 is incomplete: it does not end with '" + DUMP_COMPLETED
                    + "'\" >&2; return 1; }",
            "  missing=$(LC_ALL=C awk -v rows=" + Shell.quote(MariaDbCommands.ROWS_LINE) + " -v count=" + Shell.quote(MariaDbCommands.ROWS_COUNT_LINE)
                    + " -v use=" + Shell.quote(USE) + " -v insert=" + Shell.quote(INSERT) + " -v values=" + Shell.quote(VALUES) + " '",
            "    index($0, rows) == 1 { want[substr($0, length(rows) + 1)] = 1; listed++; next }",
            "    index($0, count) == 1 { counted = substr($0, length(count) + 1); next }",
            "    index($0, use) == 1 { db = substr($0, length(use)); sub(/;.*/, \"\", db); next }",
            // The quoted identifier after INSERT INTO (doubled backticks inside), then VALUES: as Verifier.identifierEnd.
            "    index($0, insert) == 1 { t = substr($0, length(insert)); e = 0",
            "      for (j = 2; j <= length(t); j++) if (substr(t, j, 1) == \"`\") { if (substr(t, j + 1, 1) == \"`\") j++; else { e = j; break } }",
            "      if (e && substr(t, e + 1, length(values)) == values) have[db \".\" substr(t, 1, e)] = 1 }",
            "    END {",
            "      if (counted == \"\" || counted != listed + 0) { print \"it has no count of its tables with rows\"; exit }",
            "      for (k in want) if (!(k in have)) { n++; if (n <= " + NAMED + ") names = names \" \" k }",
            "      if (n) print \"it lacks the rows of \" n \" table(s) that had rows:\" names",
            "    }' \"$1\") || missing='it cannot be read'",
            // A table's name is the host's: shown with its control characters replaced, on one line.
            "  [ -z \"$missing\" ] || { echo \"the dump $1 is incomplete: $(printf '%s' \"$missing\" | LC_ALL=C tr -c ' -~' '?')\" >&2; return 1; }",
            "}");
    /**
     * How often health is asked: often at first (a recreated container is often healthy within seconds, and every
     * second of polling granularity is downtime), then less, so that a long wait does not hammer the host.
     */
    static Duration poll(Duration waited) {
        return waited.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofMillis(100)
                : waited.compareTo(Duration.ofSeconds(60)) < 0 ? Duration.ofSeconds(1) : Duration.ofSeconds(2);
    }

    private final HostBackend host;
    private final ContainerQueries queries;
    private final Interruption interruption;

    public Verifier(HostBackend host, Interruption interruption) {
        this.host = requireNonNull(host, "host is null");
        this.queries = new ContainerQueries(host);
        this.interruption = requireNonNull(interruption, "interruption is null");
    }

    /** Returns empty when the verification holds, else why not. */
    public Optional<String> verify(Verification v, Path composeDir, String service, Reporter reporter) {
        if (v instanceof Verification.DumpComplete d) {
            return dumpComplete(d.file());
        }
        return healthy((Verification.Healthy) v, composeDir, service, reporter);
    }

    private Optional<String> dumpComplete(Path file) {
        Optional<byte[]> tail = host.readTail(file, 512);
        if (tail.isEmpty()) {
            return Optional.of("the dump " + file + " does not exist");
        }
        String text = new String(tail.get(), StandardCharsets.UTF_8).strip();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        if (!last.startsWith(DUMP_COMPLETED)) {
            return Optional.of("the dump " + file + " is incomplete: it does not end with '" + DUMP_COMPLETED + "'");
        }
        Optional<List<String>> lines = host.linesStartingWith(file, List.of(MariaDbCommands.ROWS_LINE, MariaDbCommands.ROWS_COUNT_LINE, USE, INSERT),
                LINE_START_BYTES, DUMP_READ_TIMEOUT);
        return lines.isEmpty() ? Optional.of("the dump " + file + " does not exist") : rowsMissing(lines.get()).map(m -> "the dump " + file
                + " is incomplete: " + m);
    }

    /** Which counted tables have no INSERT, from the dump's lines that start with the markers (as the shell form reads them). */
    private static Optional<String> rowsMissing(List<String> lines) {
        Set<String> want = new LinkedHashSet<>();
        Set<String> have = new HashSet<>();
        int listed = 0;
        String counted = null;
        String db = "";
        for (String l : lines) {
            if (l.startsWith(MariaDbCommands.ROWS_LINE)) {
                want.add(l.substring(MariaDbCommands.ROWS_LINE.length()));
                listed++;
            } else if (l.startsWith(MariaDbCommands.ROWS_COUNT_LINE)) {
                counted = l.substring(MariaDbCommands.ROWS_COUNT_LINE.length());
            } else if (l.startsWith(USE)) {
                db = l.substring(USE.length() - 1);
                db = db.contains(";") ? db.substring(0, db.indexOf(';')) : db;
            } else if (l.startsWith(INSERT)) {
                String t = l.substring(INSERT.length() - 1);
                int end = identifierEnd(t);
                if (end > 0 && t.startsWith(VALUES, end)) {
                    have.add(db + "." + t.substring(0, end));
                }
            }
        }
        if (counted == null || !counted.equals(Integer.toString(listed))) {
            return Optional.of("it has no count of its tables with rows");
        }
        List<String> missing = want.stream().filter(t -> !have.contains(t)).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("it lacks the rows of " + missing.size() + " table(s) that had rows: "
                + missing.stream().limit(NAMED).map(Shell::printable).collect(Collectors.joining(" ")));
    }

    /** Where the backtick-quoted identifier that {@code t} starts with ends (after its closing backtick), or -1. */
    private static int identifierEnd(String t) {
        int i = 1;
        while (i < t.length()) {
            if (t.charAt(i) == '`') {
                if (i + 1 < t.length() && t.charAt(i + 1) == '`') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private Optional<String> healthy(Verification.Healthy h, Path composeDir, String service, Reporter reporter) {
        long start = System.nanoTime();
        long deadline = start + h.timeout().toNanos();
        String last = "not started";
        while (true) {
            if (interruption.requested()) {
                return Optional.of(interruption.reason() + " while waiting for SeaTable");
            }
            Optional<ContainerState> c = host.containers(Map.of(ContainerState.LABEL_WORKING_DIR, composeDir.toString(),
                    ContainerState.LABEL_SERVICE, service)).stream().findFirst();
            if (c.isEmpty()) {
                last = "container of service " + service + " does not exist";
            } else {
                ContainerState con = c.get();
                last = "container " + con.name() + " is " + con.condition();
                if (con.status().equals("exited") || con.status().equals("dead")) {
                    return Optional.of(last + " (" + lastLogLine(con.name()) + ")");
                }
                String logs = host.containerLogs(con.name(), 50);
                for (String fatal : FATAL_LOG_LINES) {
                    if (logs.contains(fatal)) {
                        return Optional.of("SeaTable refused to start: \"" + fatal + "\" in the log of " + con.name());
                    }
                }
                if (con.isRunning() && con.health() == ContainerState.Health.HEALTHY) {
                    Optional<ServerInfo> info = queries.serverInfo(con.name());
                    if (info.isPresent() && info.get().edition() == h.edition() && info.get().version().equals(h.version())) {
                        return Optional.empty();
                    }
                    last = info.map(i -> "/server-info/ reports " + i.edition().id() + " " + i.version() + ", expected "
                            + h.edition().id() + " " + h.version()).orElse("healthy, but /server-info/ does not answer");
                }
            }
            long now = System.nanoTime();
            reporter.progress("waiting for SeaTable: " + last, (now - start) / 1_000_000_000L, h.timeout().toSeconds(), "s", "");
            if (now - deadline >= 0) { // nanoTime may wrap: only differences compare
                return Optional.of("SeaTable did not become healthy within " + h.timeout().toSeconds() + " s: " + last);
            }
            interruption.sleep(poll(Duration.ofNanos(now - start)));
        }
    }

    private String lastLogLine(String container) {
        String logs = host.containerLogs(container, 5).strip();
        return logs.isEmpty() ? "no log" : "last log line: " + logs.substring(logs.lastIndexOf('\n') + 1);
    }
}

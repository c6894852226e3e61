package seatablemigrate.core.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.spi.Shell;

/** The pre-flight checks, in the order they are reported. Each is a small class: Java check and shell guard. */
public final class PreflightChecks {
    /** Features the Developer Edition does not have (SeaTable's edition comparison). */
    public static final List<String> ENTERPRISE_ONLY_FEATURES = List.of("advanced permissions", "custom roles and quotas",
            "admin roles", "row archiving (big data)", "external apps", "Universal App", "Prometheus metrics",
            "more than 200 concurrent dtable-server connections");

    /** A license that expires within this many days earns a warning. */
    static final int EXPIRY_WARNING_DAYS = 30;

    private PreflightChecks() {}

    /**
     * The shell functions guards call, for an audit script's prelude. Each prints, when its fact does not hold, one line
     * saying what was expected and what was found (the convention of {@link CheckResult#shellGuard()}).
     */
    public static final String SHELL_FUNCTIONS = String.join("\n",
            "# file_is PATH SHA256|absent: the file has that checksum (absent: there is none), else say what is there",
            "file_is() {",
            "  local found=absent expected found_words",
            "  if [ -d \"$1\" ]; then found='a folder'",
            "  elif [ -e \"$1\" ]; then",
            "    if found=$(sha256sum < \"$1\"); then found=${found%% *}; else found='an unreadable file'; fi",
            "  elif [ -L \"$1\" ]; then found='a dangling symlink'",
            "  fi",
            "  [ \"$found\" = \"$2\" ] && return 0",
            "  expected=\"sha256 ${2:0:12}...\"; [ \"$2\" != absent ] || expected='no file'",
            "  case $found in absent) found_words='no file' ;; *[!0-9a-f]*) found_words=$found ;; *) found_words=\"sha256 ${found:0:12}...\" ;; esac",
            "  printf '%s changed since the recording (expected %s, found %s)\\n' \"$1\" \"$expected\" \"$found_words\"",
            "  return 1",
            "}",
            "",
            CurrentState.SHELL_FUNCTION,
            "");

    /**
     * A guard that runs {@code test} quietly and, when it fails, prints {@code expected EXPECTED; found FOUND} and fails.
     *
     * @param found shell text that expands to what was found, inside double quotes when the test has failed ({@code $d}
     *              and {@code $(...)} of the test's own variables are allowed); {@link #text} quotes a fixed text
     */
    static String explained(String test, String expected, String found) {
        return "{ " + test + "; } >/dev/null 2>&1 || { printf 'expected %s; found %s\\n' " + Shell.quote(expected) + " " + found + "; false; }";
    }

    /** A fixed text for {@link #explained}. */
    static String text(String found) {
        return Shell.quote(found);
    }

    /** The guard that the file at {@code path} has checksum {@code sum}, or is absent when there is none. */
    static String fileIs(Path path, Optional<Sha256> sum) {
        return "file_is " + Shell.quote(path.toString()) + " " + sum.map(Sha256::hex).orElse("absent");
    }

    /**
     * The checks {@code doctor} runs: every pre-flight check that does not need a target version, evaluated as if the
     * installation were switched to {@code edition} (its current one, for a health check of the host as it is).
     */
    public static List<PreflightCheck> doctor() {
        List<String> needTarget = List.of("target-version", "target-image", "image-space", "compose-preview");
        return all().stream().filter(c -> !needTarget.contains(c.name())).toList();
    }

    /**
     * The checks of {@code request}'s kind of run, in reporting order: an upgrade (and a switch through one) adds its path,
     * its configuration folder and its official files.
     */
    public static List<PreflightCheck> forRequest(MigrationRequest request) {
        if (!request.migratesDatabases()) {
            return all();
        }
        List<PreflightCheck> checks = new ArrayList<>(all());
        int after = checks.indexOf(checks.stream().filter(c -> c.name().equals("target-version")).findFirst().orElseThrow());
        checks.add(after + 1, new TargetChecks.UpgradeRoute());
        checks.add(after + 2, new TargetChecks.ConfFolder());
        checks.add(after + 3, new TargetChecks.OfficialFiles());
        return List.copyOf(checks);
    }

    /** All checks of an edition switch in reporting order. */
    public static List<PreflightCheck> all() {
        return List.of(new Engine(), new Compose(), new Project(), new CurrentState(), new ImageControl(),
                new TargetChecks.TargetVersion(), new TargetChecks.TargetImage(), new TargetChecks.LicenseCheck(), new TargetChecks.LicenseUsers(),
                new TargetChecks.StrayLicenseDirectory(),
                new Database(), new BackupRoot(), new DiskSpace(), new ImageSpace(), new TargetChecks.SwitchPreview());
    }

    static final class Engine implements PreflightCheck {
        @Override
        public String name() { return "engine"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            String guard = explained("docker info", "a Docker engine that answers", text("'docker info' fails"));
            if (c.request().offline()) {
                return CheckResult.deferred(name(), "not observed (offline): the script checks that the Docker engine answers", guard);
            }
            return c.installation().engineVersion()
                    .map(v -> CheckResult.pass(name(), "Docker engine " + v + " answers").withGuard(guard))
                    .orElseGet(() -> CheckResult.fail(name(), c.installation().engine().problem().orElse("the Docker engine does not answer")));
        }
    }

    static final class Compose implements PreflightCheck {
        @Override
        public String name() { return "compose"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            if (c.request().offline()) {
                String cli = c.installation().composeCli().orElseThrow().spelling();
                return CheckResult.deferred(name(), "not observed (offline): the script checks that '" + cli + "' works", guard(cli));
            }
            return c.installation().composeCli()
                    .map(cli -> CheckResult.pass(name(), "'" + cli.spelling() + "' works").withGuard(guard(cli.spelling())))
                    .orElseGet(() -> CheckResult.fail(name(), "no working Docker Compose ('docker compose' or 'docker-compose')"));
        }

        private static String guard(String cli) {
            return explained(cli + " version", "'" + cli + "' to work", text("'" + cli + " version' fails"));
        }
    }

    /**
     * The project's files as the plan read them. Its guard checks every file the plan relied on, byte for byte: {@code
     * .env}, each compose file (images, the license mount, the database service and container names come from them) and
     * the license in place (whether one must be installed, and what a rollback restores, was decided from it; absent
     * when none was read), so that a script recorded from a copy refuses a host that differs.
     */
    static final class Project implements PreflightCheck {
        @Override
        public String name() { return "project"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            Installation i = c.installation();
            // A silent engine is the engine check's to report, once; the project's files were read without it.
            List<String> problems = i.problems().stream().filter(p -> !i.engine().problem().filter(p::equals).isPresent()).toList();
            if (!problems.isEmpty()) {
                return CheckResult.fail(name(), String.join("; ", problems));
            }
            List<String> guards = new ArrayList<>();
            guards.add(fileIs(i.envPath(), Optional.of(i.env().orElseThrow().sha256())));
            i.composeFiles().forEach(f -> guards.add(fileIs(f, Optional.ofNullable(i.composeFileSums().get(f)))));
            guards.add(fileIs(i.licensePath(), i.license().sha256()));
            return CheckResult.pass(name(), i.composeDir() + ": .env and " + i.composeFiles().size()
                            + " compose files parsed, SeaTable service '" + i.seatableService().orElseThrow() + "'")
                    .withGuard(String.join(" && ", guards));
        }
    }

    static final class CurrentState implements PreflightCheck {
        @Override
        public String name() { return "current-state"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            Installation i = c.installation();
            Installation.DecidedState s = i.state();
            if (!s.conflicts().isEmpty()) {
                return CheckResult.fail(name(), "sources disagree: " + String.join("; ", s.conflicts()));
            }
            if (i.engine().silent()) {
                return CheckResult.noEngine(name(), "which edition runs, and whether it is healthy, is checked");
            }
            if (s.edition().isEmpty() || s.version().isEmpty()) {
                return CheckResult.fail(name(), "the current edition and version cannot be determined (" + String.join("; ", s.evidence()) + ")");
            }
            if (c.request().offline()) {
                String image = i.configuredImage().orElseThrow().toString();
                return CheckResult.deferred(name(), "not observed (offline): the script checks that the " + s.edition().get().displayName()
                        + " " + s.version().get() + " (" + image + ") runs and is healthy", runningGuard(image, s));
            }
            Optional<ContainerState> seatable = i.seatable();
            if (seatable.isEmpty()) {
                return CheckResult.fail(name(), "SeaTable's container does not exist: start the installation first");
            }
            ContainerState con = seatable.get();
            if (!con.isRunning() || con.health() != ContainerState.Health.HEALTHY || i.serverInfo().isEmpty()) {
                return CheckResult.fail(name(), "SeaTable is not healthy (container " + con.name() + " is " + con.condition()
                        + (i.serverInfo().isEmpty() ? ", /server-info/ does not answer" : "") + "): fix it before switching");
            }
            return CheckResult.pass(name(), s.edition().get().displayName() + " " + s.version().get() + " is running and healthy")
                    .withGuard(runningGuard(con.image(), s));
        }

        /** SeaTable's container runs {@code image}, is healthy, and /server-info/ says the decided edition and version. */
        static String runningGuard(String image, Installation.DecidedState s) {
            return "seatable_runs " + Shell.quote(image) + " " + s.edition().orElseThrow().id() + " " + s.version().orElseThrow() + " "
                    + Shell.quote("the " + s.edition().orElseThrow().displayName() + " " + s.version().orElseThrow() + " (" + image
                    + ") running and healthy");
        }

        /** The shell form of {@link #runningGuard}: the service's container, its image, its health, its /server-info/. */
        static final String SHELL_FUNCTION = String.join("\n",
                "# seatable_runs IMAGE EDITION VERSION WHAT: SeaTable's container runs IMAGE, healthy, and /server-info/ says EDITION",
                "# VERSION; else say what runs",
                "seatable_runs() {",
                "  local c image state found",
                "  c=$(seatable_container)",
                "  if [ -z \"$c\" ]; then",
                "    found=\"no container of service $SERVICE\"",
                "  else",
                "    image=$(docker inspect -f '{{.Config.Image}}' \"$c\")",
                "    state=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' \"$c\")",
                "    if [ \"$image\" != \"$1\" ]; then found=\"container $c of service $SERVICE running $image\"",
                "    elif [ \"$state\" != 'running healthy' ]; then found=\"container $c of service $SERVICE $state\"",
                "    elif ! server_info_is \"$c\" \"$2\" \"$3\"; then found=\"container $c of service $SERVICE, whose /server-info/ does not say $2 $3\"",
                "    else return 0",
                "    fi",
                "  fi",
                "  printf 'expected %s; found %s\\n' \"$4\" \"$found\"",
                "  return 1",
                "}");
    }

    static final class ImageControl implements PreflightCheck {
        @Override
        public String name() { return "image-setting"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            Installation i = c.installation();
            if (i.configuredImage().isEmpty()) {
                return CheckResult.fail(name(), "the SeaTable image could not be resolved from the Compose configuration");
            }
            Optional<String> written = i.env().flatMap(e -> e.get(Installation.IMAGE_KEY)).filter(v -> v.contains("$"));
            if (written.isPresent()) {
                // The switch writes an explicit image; silently replacing a reference to other variables would lose it.
                return CheckResult.fail(name(), "SEATABLE_IMAGE in .env is built from other variables (" + written.get() + "), which"
                        + " Compose resolves to " + i.configuredImage().get() + "; the switch writes an explicit image there, so write it out"
                        + " first: SEATABLE_IMAGE='" + i.configuredImage().get() + "'");
            }
            if (!i.imageFollowsEnv().orElse(false)) {
                return CheckResult.fail(name(), "SEATABLE_IMAGE in .env does not decide the SeaTable image: an 'image:' in one of "
                        + i.composeFiles().stream().map(p -> p.getFileName().toString()).toList()
                        + " overrides it. Remove that override first");
            }
            ImageRef configured = i.configuredImage().get();
            if (configured.isFloating()) {
                // What runs is known by its image ID and its own /server-info/; the switch writes an explicit version.
                String runs = i.seatable().map(con -> "it runs image " + con.imageId().replaceFirst("^(sha256:[0-9a-f]{12}).*", "$1")).orElse("it runs")
                        + i.state().version().map(v -> ", which says it is " + v).orElse(", whose version is unknown");
                return CheckResult.pass(name(), "SEATABLE_IMAGE in .env decides the image (now " + configured + ", a floating tag: " + runs
                        + "); the switch writes an explicit version, and a rollback restores the floating tag");
            }
            return CheckResult.pass(name(), "SEATABLE_IMAGE in .env decides the image (now " + configured + ")");
        }
    }

    static final class Database implements PreflightCheck {
        @Override
        public String name() { return "database"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            if (!c.request().backup()) {
                return CheckResult.warn(name(), "database backup skipped (--no-backup): there is no dump to go back to");
            }
            Optional<DatabaseInfo> db = c.installation().database();
            if (c.installation().engine().silent()) {
                return CheckResult.noEngine(name(), "the MariaDB container and its databases are found");
            }
            if (db.isEmpty()) {
                return CheckResult.fail(name(), "no MariaDB container (mariadb or seatable-mysql) in the project: nothing to back up from");
            }
            DatabaseInfo d = db.get();
            String tool = d.dumpTool().orElse("mariadb-dump");
            String toolGuard = explained("docker exec " + Shell.quote(d.container().name()) + " sh -c " + Shell.quote("command -v " + tool),
                    "container " + d.container().name() + " running, with " + tool, text("no such running container, or no " + tool + " in it"));
            if (c.request().offline()) {
                return CheckResult.deferred(name(), "not observed (offline): assumes container " + d.container().name() + " holding "
                        + String.join(", ", d.databases()) + ", dumped with " + d.dumpTool().orElseThrow(), toolGuard);
            }
            if (d.problem().isPresent()) {
                return CheckResult.fail(name(), d.problem().get());
            }
            if (d.dumpTool().isEmpty()) {
                return CheckResult.fail(name(), "container " + d.container().name() + " has neither mariadb-dump nor mysqldump");
            }
            if (d.databases().isEmpty()) {
                return CheckResult.fail(name(), "container " + d.container().name() + " holds no database to back up");
            }
            return CheckResult.pass(name(), d.databases().size() + " databases (" + String.join(", ", d.databases())
                    + ") will be dumped with " + d.dumpTool().get()).withGuard(toolGuard);
        }
    }

    /**
     * The backup root is untrusted: where every user may write (even with the sticky bit: another user can still add a
     * folder with a manifest, or fill the disk), or a group may replace entries, a backup could be planted or swapped.
     * Run folders are created exclusively too, and only folders that are the tool's own count as backups.
     */
    static final class BackupRoot implements PreflightCheck {
        @Override
        public String name() { return "backup-root"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            String where = c.request().backupRoot().toString();
            String guard = explained("[ ! -e " + Shell.quote(where) + " ] || [ -d " + Shell.quote(where) + " ] && [ -z \"$(find " + Shell.quote(where)
                    + " -prune \\( -perm -0002 -o \\( -perm -0020 ! -perm -1000 \\) \\))\" ]", where + " to be a folder only its owners can write to",
                    text("another kind of file, or a folder others may write to"));
            if (c.request().offline()) {
                return CheckResult.deferred(name(), "not observed (offline): the script checks that " + where
                        + " is a folder only its owners can write to", guard);
            }
            if (c.backupRoot().isEmpty()) {
                return CheckResult.pass(name(), where + " will be created, mode 0700").withGuard(guard);
            }
            var s = c.backupRoot().get();
            String mode = Integer.toOctalString(s.mode());
            if (!s.isDirectory()) {
                return CheckResult.fail(name(), where + " is not a folder: choose another --backup-dir");
            }
            if ((s.mode() & 02) != 0) {
                return CheckResult.fail(name(), where + " is writable by every user (mode " + mode + ")" + ((s.mode() & 01000) != 0
                        ? ", and the sticky bit does not stop another user from adding a backup of their own" : "")
                        + "; 'chmod o-w' it or choose another --backup-dir");
            }
            if ((s.mode() & 020) != 0 && (s.mode() & 01000) == 0) {
                return CheckResult.fail(name(), where + " is writable by its group (mode " + mode
                        + ") without the sticky bit: a member could take the place of a backup; 'chmod g-w' it or choose another --backup-dir");
            }
            return CheckResult.pass(name(), where + " is a folder only its owners can replace entries in (mode " + mode + ")").withGuard(guard);
        }
    }

    static final class DiskSpace implements PreflightCheck {
        static final long MARGIN = 64L * 1024 * 1024;

        @Override
        public String name() { return "disk-space"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            long need = c.request().backup()
                    ? c.installation().database().map(DatabaseInfo::sizeBytes).filter(s -> s >= 0).orElse(0L) + MARGIN
                    : MARGIN / 8;
            String where = c.request().backupRoot().toString();
            // The nearest existing folder of the backup root must have room when the script runs, too.
            String guard = explained("d=" + Shell.quote(where) + "; while [ ! -d \"$d\" ]; do d=$(dirname \"$d\"); done; "
                    + "[ \"$(df -P -k \"$d\" | awk 'NR==2 {print $4}')\" -ge " + (need / 1024) + " ]", (need / 1024) + " KiB free for " + where,
                    "\"$(df -P -k \"$d\" | awk 'NR==2 {print $4}') KiB free in $d\"");
            if (c.request().offline()) {
                return CheckResult.deferred(name(), "not observed (offline): the script checks that " + where + " has "
                        + Bytes.human(need) + " free", guard);
            }
            if (c.request().backup() && c.installation().engine().silent()) {
                return CheckResult.noEngine(name(), "the space the dump needs is known");
            }
            long free = c.usableBackupSpace();
            if (free < need) {
                return CheckResult.fail(name(), where + " has " + Bytes.human(free) + " free; the backup needs about " + Bytes.human(need));
            }
            return CheckResult.pass(name(), where + " has " + Bytes.human(free) + " free; the backup needs about " + Bytes.human(need))
                    .withGuard(guard);
        }
    }
}

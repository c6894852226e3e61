package seatablemigrate.core.workflow;

import java.util.List;
import java.util.Optional;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.License;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.registry.ImageCatalog;
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
     * The checks {@code doctor} runs: every pre-flight check that does not need a target version, evaluated as if the
     * installation were switched to {@code edition} (its current one, for a health check of the host as it is).
     */
    public static List<PreflightCheck> doctor() {
        return all().stream().filter(c -> !c.name().equals("target-version") && !c.name().equals("target-image")).toList();
    }

    /** All checks in reporting order. */
    public static List<PreflightCheck> all() {
        return List.of(new Engine(), new Compose(), new Project(), new CurrentState(), new ImageControl(),
                new TargetVersion(), new TargetImage(), new LicenseCheck(), new StrayLicenseDirectory(),
                new Database(), new BackupRoot(), new DiskSpace());
    }

    static final class Engine implements PreflightCheck {
        public String name() { return "engine"; }

        public CheckResult evaluate(PlanContext c) {
            if (c.request().offline()) {
                return CheckResult.deferred(name(), "not observed (offline): the script checks that the Docker engine answers", "docker info >/dev/null");
            }
            return c.installation().engineVersion()
                    .map(v -> CheckResult.pass(name(), "Docker engine " + v + " answers").withGuard("docker info >/dev/null"))
                    .orElseGet(() -> CheckResult.fail(name(), "the Docker engine does not answer"));
        }
    }

    static final class Compose implements PreflightCheck {
        public String name() { return "compose"; }

        public CheckResult evaluate(PlanContext c) {
            if (c.request().offline()) {
                String cli = c.installation().composeCli().orElseThrow().spelling();
                return CheckResult.deferred(name(), "not observed (offline): the script checks that '" + cli + "' works", cli + " version >/dev/null");
            }
            return c.installation().composeCli()
                    .map(cli -> CheckResult.pass(name(), "'" + cli.spelling() + "' works").withGuard(cli.spelling() + " version >/dev/null"))
                    .orElseGet(() -> CheckResult.fail(name(), "no working Docker Compose ('docker compose' or 'docker-compose')"));
        }
    }

    static final class Project implements PreflightCheck {
        public String name() { return "project"; }

        public CheckResult evaluate(PlanContext c) {
            Installation i = c.installation();
            if (!i.problems().isEmpty()) {
                return CheckResult.fail(name(), String.join("; ", i.problems()));
            }
            String envSum = i.env().orElseThrow().sha256().hex();
            return CheckResult.pass(name(), i.composeDir() + ": .env and " + i.composeFiles().size()
                            + " compose files parsed, SeaTable service '" + i.seatableService().orElseThrow() + "'")
                    .withGuard("echo " + envSum + "  " + Shell.quote(i.envPath().toString()) + " | sha256sum -c --quiet -");
        }
    }

    static final class CurrentState implements PreflightCheck {
        public String name() { return "current-state"; }

        public CheckResult evaluate(PlanContext c) {
            Installation i = c.installation();
            Installation.DecidedState s = i.state();
            if (!s.conflicts().isEmpty()) {
                return CheckResult.fail(name(), "sources disagree: " + String.join("; ", s.conflicts()));
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
            return "c=$(seatable_container) && [ -n \"$c\" ] && [ \"$(docker inspect -f '{{.Config.Image}}' \"$c\")\" = "
                    + Shell.quote(image) + " ] && [ \"$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' \"$c\")\" = healthy ]"
                    + " && server_info_is \"$c\" " + s.edition().orElseThrow().id() + " " + s.version().orElseThrow();
        }
    }

    static final class ImageControl implements PreflightCheck {
        public String name() { return "image-setting"; }

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

    static final class TargetVersion implements PreflightCheck {
        public String name() { return "target-version"; }

        public CheckResult evaluate(PlanContext c) {
            if (c.target().isEmpty()) {
                return CheckResult.fail(name(), c.targetProblem().orElse("the target version is unknown"));
            }
            Target t = c.target().get();
            Optional<seatablemigrate.core.model.SeaTableVersion> running = c.installation().state().version();
            if (running.isPresent() && t.version().compareTo(running.get()) < 0) {
                // Patch numbers differ per edition, so this is often right; it is said, never silent.
                return CheckResult.warn(name(), t.edition().displayName() + " " + t.version() + " is a lower patch level than the running "
                        + running.get() + " (a downgrade of the patch level; the editions number their patches separately)");
            }
            return CheckResult.pass(name(), t.edition().displayName() + " " + t.version() + " (same " + t.version().majorMinor()
                    + " as the running version)");
        }
    }

    /**
     * The target image exists where the host will get it: present locally, or its tag's manifest exists in the
     * registry for the host's platform (asked without pulling). The guard asks the host the same: its image, else
     * its registry through {@code docker manifest inspect}; a pinned digest must still be what the tag names.
     */
    static final class TargetImage implements PreflightCheck {
        public String name() { return "target-image"; }

        public CheckResult evaluate(PlanContext c) {
            if (c.target().isEmpty()) {
                return CheckResult.fail(name(), "no target image (see target-version)");
            }
            Target t = c.target().get();
            ImageCatalog.Lookup l = t.lookup();
            String guard = guard(t);
            if (c.request().offline()) {
                return CheckResult.deferred(name(), "not observed (offline): the script checks that the host has " + t.image()
                        + " or that its registry has it, before the first change", guard);
            }
            String local = t.presentLocally() ? t.image().withoutDigest() + " is present locally" : "";
            String tags = " (" + t.choice().source() + ")";
            String pulled = t.image() + " is not present locally: it is pulled before anything stops";
            return switch (l.kind()) {
                // Asked of no registry (the catalog is off): the pull decides, and a failed pull changes nothing.
                case NOT_ASKED -> CheckResult.pass(name(), t.presentLocally() ? local : pulled).withGuard(guard);
                case EXISTS -> CheckResult.pass(name(), (!t.presentLocally() ? pulled : t.image().digest().isEmpty() ? local
                        : local + "; pinned, it is pulled by digest before anything stops") + "; it exists in " + l.answeredBy() + " ("
                        + l.digest().orElseThrow() + (l.platforms().isEmpty() ? "" : " for " + l.platform()) + ")").withGuard(guard);
                case WRONG_PLATFORM -> t.presentLocally() ? CheckResult.pass(name(), local).withGuard(guard)
                        : CheckResult.fail(name(), t.image() + " in " + l.answeredBy() + " has no image for this host's platform "
                        + l.platform() + " (it offers " + String.join(", ", l.platforms()) + ")");
                case MISSING -> t.presentLocally()
                        ? CheckResult.warn(name(), local + ", but " + l.answeredBy() + " does not have it").withGuard(guard)
                        : CheckResult.fail(name(), t.image() + " does not exist in " + l.answeredBy() + "; known " + t.version().majorMinor()
                        + ".x releases of the " + t.edition().displayName() + ": " + (t.choice().available().isEmpty() ? "none"
                        : t.choice().available().toString()) + tags);
                case UNANSWERED -> t.presentLocally()
                        ? CheckResult.pass(name(), local + " (" + l.problem().orElse("") + ")").withGuard(guard)
                        : CheckResult.fail(name(), t.image() + " is not present locally and its registry cannot be asked: "
                        + l.problem().orElse(l.answeredBy() + " did not answer"));
            };
        }

        /** The host has the image, or its registry has the tag; a pinned digest is what the tag names now. */
        static String guard(Target t) {
            String insecure = t.lookup().plainHttp() ? " --insecure" : "";
            if (t.image().digest().isPresent()) {
                String tag = t.image().withoutDigest().toString();
                return "docker manifest inspect" + insecure + " -v " + Shell.quote(tag) + " | grep -qF "
                        + Shell.quote(t.image().digest().get());
            }
            String image = Shell.quote(t.image().toString());
            return "docker image inspect " + image + " >/dev/null 2>&1 || docker manifest inspect" + insecure + " " + image + " >/dev/null";
        }
    }

    static final class LicenseCheck implements PreflightCheck {
        public String name() { return "license"; }

        public CheckResult evaluate(PlanContext c) {
            LicenseState offered = c.effectiveLicense();
            if (c.request().target() == Edition.DEVELOPER) {
                String features = "the Developer Edition has no " + String.join(", ", ENTERPRISE_ONLY_FEATURES);
                if (offered.kind() != LicenseState.Kind.FILE) {
                    return CheckResult.fail(name(), offered.path() + " is " + offered.summary()
                            + ": the Compose bind mount needs a regular file (an empty file is the placeholder)");
                }
                return CheckResult.warn(name(), "the license file stays in place for the bind mount; " + features);
            }
            String where = c.offeredLicense().isPresent() ? "license " + offered.path() : "license in place (" + offered.path() + ")";
            if (offered.kind() != LicenseState.Kind.FILE) {
                return CheckResult.fail(name(), "the Enterprise Edition needs a license: " + where + " is " + offered.summary()
                        + "; give one with --license FILE");
            }
            if (offered.license().isEmpty()) {
                return CheckResult.fail(name(), where + ": " + offered.problem().orElse("unreadable"));
            }
            License l = offered.license().get();
            if (l.empty()) {
                return CheckResult.fail(name(), where + " is empty, which SeaTable counts as expired; give a license with --license FILE");
            }
            if (l.isExpiredOn(c.today())) {
                return CheckResult.fail(name(), where + " expired on " + l.expiration().orElseThrow() + "; give a valid license with --license FILE");
            }
            if (l.isExpiredOn(c.today().plusDays(EXPIRY_WARNING_DAYS))) {
                return CheckResult.warn(name(), where + ": " + l.summary() + ", which is within " + EXPIRY_WARNING_DAYS
                        + " days: the Enterprise Edition stops starting then; renew it soon")
                        .withGuard("echo " + l.sha256().hex() + "  " + Shell.quote(offered.path().toString()) + " | sha256sum -c --quiet -");
            }
            return CheckResult.pass(name(), where + ": " + l.summary())
                    .withGuard("echo " + l.sha256().hex() + "  " + Shell.quote(offered.path().toString()) + " | sha256sum -c --quiet -");
        }
    }

    static final class StrayLicenseDirectory implements PreflightCheck {
        public String name() { return "license-mount"; }

        public CheckResult evaluate(PlanContext c) {
            Installation i = c.installation();
            if (c.request().target() == Edition.ENTERPRISE && i.licenseMounted().filter(m -> !m).isPresent()) {
                return CheckResult.fail(name(), "the Compose configuration does not bind-mount the license into SeaTable's container ("
                        + ComposeServices.LICENSE_TARGET + "), so the Enterprise Edition would not find it (a Developer-only compose file?)."
                        + " Add to the volumes of service " + i.seatableService().orElse("seatable-server") + ": - ./"
                        + Installation.LICENSE_FILE + ":" + ComposeServices.LICENSE_TARGET + ":ro");
            }
            List<java.nio.file.Path> stray = c.installation().strayLicenseDirs();
            if (!stray.isEmpty()) {
                return CheckResult.fail(name(), "a directory stands where the license file belongs: " + stray
                        + " (old Compose versions create it for a missing file); remove it and put the license file there");
            }
            return CheckResult.pass(name(), "no stray license directory");
        }
    }

    static final class Database implements PreflightCheck {
        public String name() { return "database"; }

        public CheckResult evaluate(PlanContext c) {
            if (!c.request().backup()) {
                return CheckResult.warn(name(), "database backup skipped (--no-backup): there is no dump to go back to");
            }
            Optional<DatabaseInfo> db = c.installation().database();
            if (db.isEmpty()) {
                return CheckResult.fail(name(), "no MariaDB container (mariadb or seatable-mysql) in the project: nothing to back up from");
            }
            DatabaseInfo d = db.get();
            String toolGuard = "docker exec " + Shell.quote(d.container().name()) + " sh -c " + Shell.quote("command -v " + d.dumpTool().orElse("mariadb-dump"));
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
     * The backup root is untrusted: where every user may write and the sticky bit does not protect entries, another
     * user could put a symlink or folder where the next run folder goes. Run folders are created exclusively too.
     */
    static final class BackupRoot implements PreflightCheck {
        public String name() { return "backup-root"; }

        public CheckResult evaluate(PlanContext c) {
            String where = c.request().backupRoot().toString();
            String guard = "[ ! -e " + Shell.quote(where) + " ] || [ -d " + Shell.quote(where) + " ] && [ -z \"$(find " + Shell.quote(where)
                    + " -prune -perm -0002 ! -perm -1000)\" ]";
            if (c.request().offline()) {
                return CheckResult.deferred(name(), "not observed (offline): the script checks that " + where
                        + " is a folder only its owners can write to", guard);
            }
            if (c.backupRoot().isEmpty()) {
                return CheckResult.pass(name(), where + " will be created, mode 0700").withGuard(guard);
            }
            var s = c.backupRoot().get();
            if (!s.isDirectory()) {
                return CheckResult.fail(name(), where + " is not a folder: choose another --backup-dir");
            }
            if ((s.mode() & 02) != 0 && (s.mode() & 01000) == 0) {
                return CheckResult.fail(name(), where + " is writable by every user (mode " + String.format("%04o", s.mode())
                        + ") without the sticky bit: another user could take the place of a backup; 'chmod o-w' it or choose another --backup-dir");
            }
            return CheckResult.pass(name(), where + " is a folder only its owners can replace entries in (mode "
                    + String.format("%04o", s.mode()) + ")").withGuard(guard);
        }
    }

    static final class DiskSpace implements PreflightCheck {
        static final long MARGIN = 64L * 1024 * 1024;

        public String name() { return "disk-space"; }

        public CheckResult evaluate(PlanContext c) {
            long need = c.request().backup()
                    ? c.installation().database().map(DatabaseInfo::sizeBytes).filter(s -> s >= 0).orElse(0L) + MARGIN
                    : MARGIN / 8;
            String where = c.request().backupRoot().toString();
            // The nearest existing folder of the backup root must have room when the script runs, too.
            String guard = "d=" + Shell.quote(where) + "; while [ ! -d \"$d\" ]; do d=$(dirname \"$d\"); done; "
                    + "[ \"$(df -P -k \"$d\" | awk 'NR==2 {print $4}')\" -ge " + (need / 1024) + " ]";
            if (c.request().offline()) {
                return CheckResult.deferred(name(), "not observed (offline): the script checks that " + where + " has "
                        + Bytes.human(need) + " free", guard);
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

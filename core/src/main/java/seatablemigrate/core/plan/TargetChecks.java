package seatablemigrate.core.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.inspect.ComposeServices;
import seatablemigrate.core.inspect.MariaDbCommands;
import seatablemigrate.core.model.ActiveUsers;
import seatablemigrate.core.model.DatabaseInfo;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.License;
import seatablemigrate.core.model.LicenseCapacity;
import seatablemigrate.core.model.LicenseState;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.registry.ImageCatalog;
import seatablemigrate.core.spi.Shell;

/**
 * The pre-flight checks about where the switch goes: the target version, its image (here or in its registry), the
 * license the target edition needs, and a license path that is a directory. Listed in order by
 * {@link PreflightChecks#all()}; each is Java check and shell guard in one class.
 */
final class TargetChecks {
    private TargetChecks() {}

    static final class TargetVersion implements PreflightCheck {
        @Override
        public String name() { return "target-version"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            if (c.request().upgrade()) {
                return upgrade(c);
            }
            if (MigrationPlan.changesPatchWithinEdition(c.installation(), c.request())) {
                return CheckResult.fail(name(), "SeaTable runs the " + c.request().target().displayName() + " " + c.installation().state().version()
                        .map(Object::toString).orElse("?") + " and --version " + c.request().version().orElseThrow() + " asks for another patch"
                        + " level: changing the patch level within one edition is an upgrade, not an edition switch");
            }
            if (c.target().isEmpty() && c.installation().engine().silent()) {
                return CheckResult.noEngine(name(), "the target version is chosen among the local images and the registry's tags");
            }
            if (c.target().isEmpty()) {
                return CheckResult.fail(name(), c.targetProblem().orElse("the target version is unknown"));
            }
            Target t = c.target().get();
            Optional<SeaTableVersion> running = c.installation().state().version();
            if (running.isPresent() && t.version().compareTo(running.get()) < 0) {
                // Patch numbers differ per edition, so this is often right; it is said, never silent.
                return CheckResult.warn(name(), t.edition().displayName() + " " + t.version() + " is a lower patch level than the running "
                        + running.get() + " (a downgrade of the patch level; the editions number their patches separately)");
            }
            return CheckResult.pass(name(), t.edition().displayName() + " " + t.version() + " (same " + t.version().majorMinor()
                    + " as the running version)");
        }

        private CheckResult upgrade(PlanContext c) {
            if (c.target().isEmpty() && c.installation().engine().silent()) {
                return CheckResult.noEngine(name(), "the newest release is chosen among the local images and the registry's tags");
            }
            if (c.target().isEmpty()) {
                return CheckResult.fail(name(), c.targetProblem().orElse("the target version is unknown"));
            }
            Target t = c.target().get();
            return CheckResult.pass(name(), t.edition().displayName() + " " + t.version() + ": " + t.choice().reason());
        }
    }

    /**
     * An upgrade's way through SeaTable's release lines ({@link UpgradePath}): refused when a line crossed needs a step
     * the tool does not make, or when the running release is too old to migrate itself, or the target's line is unknown;
     * a warning with the notices of the lines crossed; else which lines are crossed.
     */
    static final class UpgradeRoute implements PreflightCheck {
        @Override
        public String name() { return "upgrade-path"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            Optional<SeaTableVersion> running = c.installation().state().version();
            Optional<Target> target = c.target().filter(t -> running.filter(r -> t.version().compareTo(r) > 0).isPresent());
            if (target.isEmpty()) {
                return CheckResult.pass(name(), "no newer release is chosen, so no release line is crossed");
            }
            UpgradePath.Route route = UpgradePath.route(running.orElseThrow(), target.get().version());
            if (route.refusal().isPresent()) {
                return CheckResult.fail(name(), route.describe() + ": " + route.refusal().get());
            }
            List<String> notices = route.notices();
            String text = route.describe() + "; SeaTable migrates the databases on the first start of " + target.get().version()
                    + " (there is no way back but the dump this run takes)";
            return notices.isEmpty() ? CheckResult.pass(name(), text)
                    : CheckResult.warn(name(), text + ". Notices of the lines crossed: " + String.join("; ", notices) + " (" + UpgradePath.NOTICES + ")");
        }
    }

    /**
     * An upgrade saves SeaTable's configuration folder with the dump ({@link SeatableConf}): its {@code current_version.txt}
     * says which release the databases were migrated to, so the way back restores both.
     */
    static final class ConfFolder implements PreflightCheck {
        @Override
        public String name() { return "seatable-conf"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            if (c.installation().engine().silent() && c.seatableConf().isEmpty()) {
                return CheckResult.noEngine(name(), "SeaTable's configuration folder is found through its container");
            }
            SeatableConf conf = c.seatableConf().orElseThrow();
            if (conf.problem().isPresent()) {
                return CheckResult.fail(name(), conf.problem().get());
            }
            String saved = conf.files().size() + " file(s) of " + conf.dir().orElseThrow() + " are saved with the dump, and restored with it on"
                    + " the way back";
            String guard = conf.guard().orElseThrow();
            if (c.request().offline()) {
                return CheckResult.deferred(name(), saved + " (named by the copy " + c.request().offlineCopy().flatMap(OfflineCopy::seatableConf)
                        .orElseThrow() + "; the script checks that the host's folder holds exactly these, with their modes)", guard);
            }
            return CheckResult.pass(name(), saved).withGuard(guard);
        }
    }

    /**
     * An upgrade's official files ({@link ReleaseFilesUpdate}): with {@code --release-files}, what changes, or why it cannot
     * (a file changed by hand where the release changes it too, a literal secret, a variable without a value); without,
     * that only the image changes.
     */
    static final class OfficialFiles implements PreflightCheck {
        @Override
        public String name() { return "release-files"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            if (c.request().releaseFiles().isEmpty()) {
                return CheckResult.pass(name(), "not given: only SEATABLE_IMAGE changes, the compose files and the rest of .env stay as they"
                        + " are (--release-files DIR brings them to the new release's)");
            }
            if (c.releaseFiles().isEmpty()) {
                return CheckResult.pass(name(), "nothing to compare: no newer release is chosen");
            }
            ReleaseFilesUpdate u = c.releaseFiles().get();
            return u.refusal().isPresent() ? CheckResult.fail(name(), u.describe()) : CheckResult.pass(name(), u.describe());
        }
    }

    /**
     * The target image exists where the host will get it: present locally, or its tag's manifest exists in the
     * registry for the host's platform (asked without pulling). The guard asks the host the same: its image, else
     * its registry through {@code docker manifest inspect}; a pinned digest must still be what the tag names.
     */
    static final class TargetImage implements PreflightCheck {
        @Override
        public String name() { return "target-image"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            if (c.target().isEmpty() && c.installation().engine().silent()) {
                return CheckResult.noEngine(name(), "whether the host has the target image, or its registry, is asked");
            }
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
                return PreflightChecks.explained("docker manifest inspect" + insecure + " -v " + Shell.quote(tag) + " | grep -qF "
                        + Shell.quote(t.image().digest().get()), tag + " to name " + t.image().digest().get() + " in its registry",
                        PreflightChecks.text("another digest, or no answer from its registry"));
            }
            String image = Shell.quote(t.image().toString());
            return PreflightChecks.explained("docker image inspect " + image + " >/dev/null 2>&1 || docker manifest inspect" + insecure + " "
                    + image, t.image() + " on the host or in its registry", PreflightChecks.text("neither"));
        }
    }

    static final class LicenseCheck implements PreflightCheck {
        @Override
        public String name() { return "license"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            LicenseState offered = c.effectiveLicense();
            if (c.request().target() == Edition.DEVELOPER && c.request().upgrade()) {
                return CheckResult.pass(name(), "the Developer Edition needs no license");
            }
            if (c.request().target() == Edition.DEVELOPER) {
                String features = "the Developer Edition has no " + String.join(", ", PreflightChecks.ENTERPRISE_ONLY_FEATURES);
                if (offered.kind() != LicenseState.Kind.FILE) {
                    return CheckResult.fail(name(), offered.path() + " is " + offered.summary()
                            + ": the Compose bind mount needs a regular file (an empty file is the placeholder)");
                }
                return CheckResult.warn(name(), "the license file stays in place for the bind mount; " + features);
            }
            String where = c.offeredLicense().isPresent() ? "license " + offered.path() : "license in place (" + offered.path() + ")";
            if (offered.kind() != LicenseState.Kind.FILE) {
                return CheckResult.fail(name(), "the Enterprise Edition needs a license: " + where + " is " + offered.summary()
                        + "; give one " + c.giveLicense());
            }
            if (offered.license().isEmpty()) {
                return CheckResult.fail(name(), where + ": " + offered.problem().orElse("unreadable"));
            }
            License l = offered.license().get();
            if (l.empty()) {
                return CheckResult.fail(name(), where + " is empty, which SeaTable counts as expired; give a license " + c.giveLicense());
            }
            if (l.isExpiredOn(c.today())) {
                return CheckResult.fail(name(), where + " expired on " + l.expiration().orElseThrow() + "; give a valid license " + c.giveLicense());
            }
            String guard = PreflightChecks.fileIs(offered.path(), Optional.of(l.sha256()));
            Optional<String> inCopy = hostPathInCopy(c);
            if (l.isExpiredOn(c.today().plusDays(PreflightChecks.EXPIRY_WARNING_DAYS))) {
                return CheckResult.warn(name(), where + ": " + l.summary() + ", which is within " + PreflightChecks.EXPIRY_WARNING_DAYS
                        + " days: the Enterprise Edition stops starting then; renew it soon" + inCopy.map(w -> "; " + w).orElse(""))
                        .withGuard(guard);
            }
            return inCopy.map(w -> CheckResult.warn(name(), where + ": " + l.summary() + "; " + w))
                    .orElseGet(() -> CheckResult.pass(name(), where + ": " + l.summary())).withGuard(guard);
        }

        /**
         * Offline, {@code --license} names a file on the host: the script reads that path there. One inside the copy is
         * most likely meant as the copy's file, which the host has elsewhere; said, with the path the script will read.
         */
        private static Optional<String> hostPathInCopy(PlanContext c) {
            // Without --from the copy is the compose directory itself: its files are the host's.
            Optional<Path> copy = c.request().copy().map(OfflineCopy::dir).filter(d -> !d.equals(c.request().composeDir()));
            Optional<Path> file = c.request().licenseFile().filter(f -> c.request().offline())
                    .filter(f -> copy.filter(f::startsWith).isPresent());
            return file.map(f -> "offline, --license names a file on the host, and " + f + " is inside the copy "
                    + copy.orElseThrow() + ": the script reads " + f + " on the host (the copy's file stands for "
                    + c.request().composeDir().resolve(copy.orElseThrow().relativize(f).toString()) + " there;"
                    + " give --license with the host's path)");
        }
    }

    /**
     * The accounts SeaTable counts against the license ({@link ActiveUsers}) fit the license's {@code MaxUsers}
     * ({@link LicenseCapacity}): fails when more are active than it allows, warns within 10% of it, and is deferred with its
     * reason when they cannot be counted. The guard counts again on the host and refuses only more than {@code MaxUsers}: a
     * count the host cannot give there is left to SeaTable, as it is here.
     */
    static final class LicenseUsers implements PreflightCheck {
        @Override
        public String name() { return "license-users"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            Optional<DatabaseInfo> db = c.installation().database();
            if (c.request().target() == Edition.DEVELOPER) {
                return CheckResult.pass(name(), "the Developer Edition has no user limit" + db.flatMap(d -> d.users().count().isPresent()
                        ? Optional.of(d.users().count().getAsInt()) : Optional.empty()).map(n -> " (" + n + " " + ActiveUsers.SOURCE
                        + "; an Enterprise license for them needs MaxUsers " + n + " or more)").orElse(""));
            }
            Optional<License> license = c.effectiveLicense().license().filter(l -> !l.empty());
            if (license.isEmpty()) {
                return CheckResult.pass(name(), "not compared: there is no readable license (see the license check)");
            }
            if (c.installation().engine().silent()) {
                return CheckResult.noEngine(name(), "the active accounts are counted against the license's MaxUsers");
            }
            if (db.isEmpty()) {
                return new CheckResult(name(), CheckResult.Status.DEFERRED, "the active accounts cannot be counted (no MariaDB container)",
                        Optional.empty());
            }
            License l = license.get();
            Optional<String> guard = l.maxUsers().isPresent() && l.maxUsers().getAsInt() > 0
                    ? Optional.of(guard(db.get(), l.maxUsers().getAsInt())) : Optional.empty();
            if (c.request().offline() && guard.isPresent()) {
                return CheckResult.deferred(name(), "not observed (offline): the script counts the " + ActiveUsers.SOURCE
                        + " and refuses more than the license allows (" + l.maxUsers().getAsInt() + ", MaxUsers)", guard.get());
            }
            LicenseCapacity capacity = LicenseCapacity.of(db.get().users(), l);
            CheckResult result = switch (capacity.verdict()) {
                case TOO_SMALL -> {
                    int users = db.get().users().count().getAsInt();
                    int over = users - l.maxUsers().getAsInt();
                    yield CheckResult.fail(name(), capacity.sentence() + ": SeaTable refuses accounts beyond its license; deactivate " + over
                            + (over == 1 ? " account" : " accounts") + " or give a license for at least " + users + " users " + c.giveLicense());
                }
                case NEAR_LIMIT -> CheckResult.warn(name(), capacity.sentence());
                case FITS -> CheckResult.pass(name(), capacity.sentence());
                case UNSTATED -> CheckResult.warn(name(), capacity.sentence());
                case NOT_COUNTED -> new CheckResult(name(), CheckResult.Status.DEFERRED, capacity.sentence()
                        + ": SeaTable compares them with the license itself", Optional.empty());
            };
            return guard.filter(g -> !result.failed()).map(result::withGuard).orElse(result);
        }

        /** On the host: at most {@code max} active accounts, or a count MariaDB does not give (left to SeaTable, as here). */
        static String guard(DatabaseInfo db, int max) {
            String count = "docker exec " + Shell.quote(db.container().name()) + " " + Shell.join(MariaDbCommands.countActiveUsers());
            return PreflightChecks.explained("n=$(" + count + " 2>/dev/null) || n=; case $n in ''|*[!0-9]*) true ;; *) [ \"$n\" -le " + max
                    + " ] ;; esac", "at most " + max + " " + ActiveUsers.SOURCE + " (the license's MaxUsers)", "\"$n " + ActiveUsers.SOURCE + "\"");
        }
    }

    static final class StrayLicenseDirectory implements PreflightCheck {
        @Override
        public String name() { return "license-mount"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            Installation i = c.installation();
            if (c.request().target() == Edition.ENTERPRISE && i.licenseMounted().filter(m -> !m).isPresent()) {
                return CheckResult.fail(name(), "the Compose configuration does not bind-mount the license into SeaTable's container ("
                        + ComposeServices.LICENSE_TARGET + "), so the Enterprise Edition would not find it (a Developer-only compose file?)."
                        + " Add to the volumes of service " + i.seatableService().orElse("seatable-server") + ": - ./"
                        + Installation.LICENSE_FILE + ":" + ComposeServices.LICENSE_TARGET + ":ro");
            }
            List<Path> stray = c.installation().strayLicenseDirs();
            if (!stray.isEmpty()) {
                return CheckResult.fail(name(), "a directory stands where the license file belongs: " + stray
                        + " (old Compose versions create it for a missing file); remove it and put the license file there");
            }
            return CheckResult.pass(name(), "no stray license directory");
        }
    }

    /**
     * What Compose says the switch would do ({@link ComposePreview}): a warning when other services have pending
     * changes of their own, which the switch leaves as they are, or when Compose could not be asked although it should
     * answer. No shell guard: it is a preview, not a fact the switch relies on (its command names one service).
     */
    static final class SwitchPreview implements PreflightCheck {
        @Override
        public String name() { return "compose-preview"; }

        @Override
        public CheckResult evaluate(PlanContext c) {
            String service = c.installation().seatableService().orElse("SeaTable's service");
            if (c.request().fullRestart()) {
                return CheckResult.pass(name(), "--full-restart: the switch stops and starts every container of the project (down, up -d)");
            }
            if (c.preview().isEmpty()) {
                return CheckResult.pass(name(), "not asked" + (c.request().offline() ? " (offline)" : "") + "; the switch brings up only "
                        + service + " (up -d --no-deps)");
            }
            ComposePreview p = c.preview().get();
            boolean warn = !p.pending().isEmpty() || p.unavailable().filter(u -> !u.contains("no --dry-run")).isPresent();
            return warn ? CheckResult.warn(name(), p.describe(service)) : CheckResult.pass(name(), p.describe(service));
        }
    }
}

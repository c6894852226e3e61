package seatablemigrate.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.plan.MigrationRequest;
import seatablemigrate.core.plan.OfflineCopy;
import seatablemigrate.core.plan.PlanFile;

/**
 * {@code --plan FILE}: carry out a reviewed plan ({@code plan --out FILE}) instead of planning again; one declaration and
 * one set of rules for {@code migrate} and {@code upgrade} (a picocli mixin).
 */
final class PlanFileOption {
    @Option(names = "--plan", paramLabel = "FILE", description = "Carry out exactly the plan saved by 'plan --out FILE': the same target,"
            + " options and run folder; refused (nothing changed) when the host or the steps differ from what was reviewed.")
    Path file;

    boolean given() {
        return file != null;
    }

    /**
     * The request the plan file carries, every field checked as its option would be (exit 2 before any host is asked).
     *
     * @param command     the command carrying it out ({@code migrate}, {@code upgrade}), for the words
     * @param onlyUpgrade only an upgrade's plan is taken (the upgrade command's; a switch's is carried out by migrate)
     * @param conflicts what the other options given would change of the reviewed request, one text per option
     */
    MigrationRequest reviewed(boolean dryRun, String command, boolean onlyUpgrade, Function<MigrationRequest, List<String>> conflicts) {
        PlanFile read = PlanFile.read(file);
        if (read.copy().isPresent() && !dryRun) {
            // Nothing of the host was observed: what a board approved is the script this writes, which checks the host first.
            throw new UsageException(file + " was planned offline from the " + read.request().offlineSource().orElseThrow() + ": no host"
                    + " was observed, so it is not carried out on one. Write its audit script with 'seatable-migrate " + command + " --plan " + file
                    + " --dry-run' (from the same copy, refused when the copy or the steps differ from the plan), review it, and run it on the host");
        }
        MigrationRequest reviewed = read.request();
        if (onlyUpgrade && !reviewed.upgrade()) {
            throw new UsageException(file + " plans a switch to the " + reviewed.target().displayName() + ", not an upgrade: carry it out"
                    + " with 'seatable-migrate migrate --plan " + file + "'");
        }
        List<String> changed = conflicts.apply(reviewed);
        if (!changed.isEmpty()) {
            throw new UsageException("--plan carries what was reviewed, and these options would change it: " + String.join(", ", changed)
                    + "; leave them out, or make the plan again with them: " + (reviewed.upgrade() ? PlanFile.MAKE_UPGRADE_AGAIN : PlanFile.MAKE_AGAIN));
        }
        return reviewed;
    }

    /**
     * What the options given next to {@code --plan} would change of the reviewed request, one text per option
     * ({@code --backup-dir /x (the plan has /y)}); empty when they change nothing. The options in {@code fixed} (target,
     * version, license, release files: the review itself) and the offline copy's conflict whenever given ({@code --offline}
     * only with a plan made on the host); the rest, and the host an offline plan is for, when they differ from the plan.
     *
     * @param backupRoot    the backup root the options name (given or default)
     * @param healthTimeout the health timeout the options name (given or default)
     */
    static List<String> conflicts(CommandSpec spec, SeatableMigrateCommand global, MigrationRequest reviewed, List<String> fixed,
                                  Path backupRoot, Duration healthTimeout, boolean fullRestart, boolean pinDigest) {
        List<String> conflicts = new ArrayList<>();
        List<String> all = new ArrayList<>(fixed);
        all.addAll(OfflineOptions.NAMES);
        for (String name : all) {
            // An offline plan is carried out offline: saying so changes nothing.
            if (given(spec, name) && !(name.equals("--offline") && reviewed.offline())) {
                conflicts.add(name + " (the plan fixes it)");
            }
        }
        reviewed.copy().filter(c -> given(spec, "--host") && !OfflineCopy.of(c.dir(), global.host).host().equals(c.host()))
                .ifPresent(c -> conflicts.add("--host " + global.host + " (the plan is for " + c.plannedFor(reviewed.composeDir()) + ")"));
        if (given(spec, "--compose-dir") && !MigrationOptions.absolute(global.composeDir, "--compose-dir").equals(reviewed.composeDir())) {
            conflicts.add("--compose-dir " + global.composeDir + " (the plan has " + reviewed.composeDir() + ")");
        }
        if (given(spec, "--backup-dir") && !backupRoot.equals(reviewed.backupRoot())) {
            conflicts.add("--backup-dir " + backupRoot + " (the plan has " + reviewed.backupRoot() + ")");
        }
        if (given(spec, "--health-timeout") && !healthTimeout.equals(reviewed.healthTimeout())) {
            conflicts.add("--health-timeout " + healthTimeout.toSeconds() + "s (the plan has " + reviewed.healthTimeout().toSeconds() + "s)");
        }
        if (given(spec, "--compose") && global.compose != reviewed.compose()) {
            conflicts.add("--compose " + global.compose.name().toLowerCase(Locale.ROOT) + " (the plan has "
                    + reviewed.compose().name().toLowerCase(Locale.ROOT) + ")");
        }
        if (given(spec, "--via-upgrade") && !reviewed.viaUpgrade()) {
            conflicts.add("--via-upgrade (the plan was made without it)");
        }
        if (fullRestart && !reviewed.fullRestart()) {
            conflicts.add("--full-restart (the plan recreates SeaTable's container alone)");
        }
        if (pinDigest && !reviewed.pinDigest()) {
            conflicts.add("--pin-digest (the plan was made without it)");
        }
        return conflicts;
    }

    /** Whether the user gave option {@code name} on this command line (here or, for an inherited one, before the command). */
    static boolean given(CommandSpec spec, String name) {
        for (CommandLine.ParseResult p = spec.root().commandLine().getParseResult(); p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(name)) {
                return true;
            }
        }
        return false;
    }
}

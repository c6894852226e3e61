package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.inspect.MariaDbCommands;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.runfolder.BackupManifest;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.FileChange;

/** The way back, one list of steps for every caller: a failed switch, the recovery of a cut-off run, a return to a backup. */
public final class RollbackSteps {
    private RollbackSteps() {}

    /** How much of the stack the way back stops and starts. */
    public enum Scope {
        /** SeaTable's service alone: {@code stop SERVICE}, then {@code up -d --no-deps SERVICE}; the rest runs untouched. */
        SEATABLE,
        /**
         * SeaTable's service stopped alone, then {@code up -d}, which also starts what is stopped (and recreates what
         * Compose finds changed): for a recovery that finds part of the stack down, as an interrupted full restart leaves it.
         */
        SEATABLE_AND_STOPPED,
        /** The whole stack: {@code down}, then {@code up -d} (the manual procedure, {@code --full-restart}). */
        STACK;

        /**
         * For a stack as it is now: SEATABLE when the database's container runs and so does every other container of the
         * project, else SEATABLE_AND_STOPPED (after a {@code down} no container is left to say what is missing: the
         * database's absence does).
         */
        public static Scope forStackAsItIs(Installation now) {
            boolean databaseRuns = now.database().filter(d -> d.container().isRunning()).isPresent();
            return databaseRuns && now.otherContainers().stream().allMatch(ContainerState::isRunning)
                    ? SEATABLE : SEATABLE_AND_STOPPED;
        }
    }

    /**
     * What an upgrade's way back restores beyond the files of a switch: the databases from the run's dump, and SeaTable's
     * configuration folder (which records the version the databases were migrated to) from the run's copy of it.
     *
     * @param databaseContainer the running MariaDB container the dump is loaded into
     * @param confDir           SeaTable's configuration folder on the host, as the inspection found it (never a backup's word)
     * @param conf              the saved files of that folder, by name, with their modes
     */
    public record Data(String databaseContainer, Path confDir, List<BackupManifest.SavedFile> conf, ProjectFiles files) {
        public Data {
            requireNonNull(databaseContainer, "databaseContainer is null");
            requireNonNull(confDir, "confDir is null");
            conf = List.copyOf(conf);
            for (BackupManifest.SavedFile f : conf) {
                if (!BackupManifest.SavedFile.plainName(f.name()) || f.modeBits().isEmpty()) {
                    throw new IllegalArgumentException("not a saved configuration file: " + f);
                }
            }
            requireNonNull(files, "files is null");
        }

        /** An upgrade that changed no compose file. */
        public Data(String databaseContainer, Path confDir, List<BackupManifest.SavedFile> conf) {
            this(databaseContainer, confDir, conf, ProjectFiles.NONE);
        }
    }

    /**
     * The compose files an upgrade replaced with the new release's ({@link ReleaseFilesUpdate}), which the way back restores
     * from the run's config folder; the whole project then comes up again on them ({@code up -d}: the other services the new
     * files changed go back too), removing the containers of services only the new files had ({@code --remove-orphans}).
     *
     * @param composeFiles  the project's files to restore, where the inspection found them (never a backup's word)
     * @param addedServices the services only the new release's files define
     */
    public record ProjectFiles(List<Path> composeFiles, List<String> addedServices, boolean changed) {
        /** No compose file changed. */
        public static final ProjectFiles NONE = new ProjectFiles(List.of(), List.of(), false);

        public ProjectFiles {
            composeFiles = List.copyOf(composeFiles);
            addedServices = List.copyOf(addedServices);
        }

        /** The files of {@code project} (as inspected now) that a backup's manifest says the run replaced. */
        public static ProjectFiles saved(List<Path> project, Optional<BackupManifest.ReleaseUpdate> update) {
            return update.map(u -> new ProjectFiles(project.stream().filter(f -> u.files().contains(f.getFileName().toString())).toList(),
                    u.addedServices(), true)).orElse(NONE);
        }
    }

    /**
     * The project the way back acts on, as the inspection finds it now (never a backup's word).
     *
     * @param composeDir  the Compose project directory on the host
     * @param cli         the Compose that runs the project
     * @param service     SeaTable's service in the project
     * @param licensePath where the installation's license file is, which the way back restores or removes
     */
    public record Project(Path composeDir, ComposeCli cli, String service, Path licensePath) {
        public Project {
            requireNonNull(composeDir, "composeDir is null");
            requireNonNull(cli, "cli is null");
            requireNonNull(service, "service is null");
            requireNonNull(licensePath, "licensePath is null");
        }
    }

    /**
     * The state a run folder saved (or, for a plan, is about to save), which the way back restores.
     *
     * @param runDir         the run folder (a backup) whose config folder holds the saved {@code .env} and license
     * @param envMode        {@code .env}'s permission bits when it was saved
     * @param licenseExisted whether there was a license file then; without one the way back removes the file there is now
     * @param licenseMode    the license file's permission bits when it was saved
     * @param edition        the edition that ran then, which the way back waits for
     * @param version        the version that ran then, which the way back waits for
     */
    public record SavedState(Path runDir, int envMode, boolean licenseExisted, int licenseMode, Edition edition, SeaTableVersion version) {
        public SavedState {
            requireNonNull(runDir, "runDir is null");
            requireNonNull(edition, "edition is null");
            requireNonNull(version, "version is null");
        }
    }

    /** Whether {@code steps} load a dump (the way back of an upgrade, or a return to a backup with its databases). */
    public static boolean loadsDump(List<Step> steps) {
        return steps.stream().anyMatch(s -> s.kind() == StepId.RESTORE_DATABASE);
    }

    /**
     * The steps that return an installation to the state saved in {@code saved.runDir()}: stop SeaTable's service (the whole
     * stack with {@link Scope#STACK}), restore {@code .env} and the license byte for byte, bring SeaTable's service up
     * again ({@code up -d --no-deps SERVICE}, which recreates its container when its image changed; {@code up -d} for the
     * other scopes), verify. Stopping first matters when nothing changed: a container stuck in a failed start would
     * otherwise be left as it is. With {@code data} (an upgrade's way back, a return to a backup with its database),
     * SeaTable's service alone is stopped whatever the scope, so that MariaDB runs for the dump to be loaded, and the
     * saved configuration files are restored with {@code .env}. Used after a failed switch or upgrade, to recover an
     * interrupted run and to return to a backup.
     */
    public static List<Step> of(Project project, SavedState saved, Duration timeout, Scope scope, Optional<Data> data) {
        Path composeDir = project.composeDir();
        ComposeCli cli = project.cli();
        String service = project.service();
        Path runDir = saved.runDir();
        RunFolder folder = new RunFolder(runDir);
        Path config = folder.config();
        List<Change> restore = new ArrayList<>();
        // Restores write only what differs: after a failed write (a full disk) the original is still in place.
        restore.add(FileChange.CopyFile.restore(config.resolve(Installation.ENV_FILE), composeDir.resolve(Installation.ENV_FILE), saved.envMode()));
        restore.add(saved.licenseExisted()
                ? FileChange.CopyFile.restore(config.resolve(Installation.LICENSE_FILE), project.licensePath(), saved.licenseMode())
                : new FileChange.RemoveFile(project.licensePath()));
        data.ifPresent(d -> d.conf().forEach(f -> restore.add(FileChange.CopyFile.restore(folder.seatableConf().resolve(f.name()),
                d.confDir().resolve(f.name()), f.modeBits().orElseThrow()))));
        data.ifPresent(d -> d.files().composeFiles().forEach(f -> restore.add(FileChange.CopyFile.restore(config.resolve(f.getFileName()), f,
                0644))));
        List<Step> steps = new ArrayList<>();
        steps.add(scope == Scope.STACK && data.isEmpty()
                ? new Step(StepId.ROLLBACK_STOP, "stop whatever runs now (" + cli.spelling() + " down)", List.of(EngineChange.Compose.down(composeDir, cli)),
                        Optional.empty())
                : new Step(StepId.ROLLBACK_STOP, "stop SeaTable (" + cli.spelling() + " stop " + service + "; the database keeps running)",
                        List.of(EngineChange.Compose.stop(composeDir, cli, service)), Optional.empty()));
        data.ifPresent(d -> steps.add(new Step(StepId.RESTORE_DATABASE, "load the databases from " + folder.dump() + " into "
                + d.databaseContainer() + " (changes since the backup are lost)", List.of(MariaDbCommands.loadDump(d.databaseContainer(),
                folder.dump())), Optional.empty())));
        steps.add(new Step(StepId.ROLLBACK_RESTORE, "restore .env and the license" + (data.filter(d -> d.files().changed()).isPresent()
                ? ", the compose files the upgrade replaced" : "") + (data.isPresent() ? ", and SeaTable's configuration"
                + " folder " + data.get().confDir() + ", from " + runDir : " from " + config), restore, Optional.empty()));
        ProjectFiles files = data.map(Data::files).orElse(ProjectFiles.NONE);
        EngineChange.Compose start = files.changed() ? new EngineChange.Compose(composeDir, cli, files.addedServices().isEmpty()
                ? List.of("up", "-d") : List.of("up", "-d", "--remove-orphans"))
                : scope == Scope.SEATABLE || (scope == Scope.STACK && data.isPresent())
                ? EngineChange.Compose.upOnly(composeDir, cli, service)
                : EngineChange.Compose.up(composeDir, cli);
        steps.add(new Step(StepId.ROLLBACK_START, "start the previous " + (data.isPresent() ? "release" : "edition") + " (" + start.describe()
                + (files.changed() ? "; the project comes up on its restored files" + (files.addedServices().isEmpty() ? ""
                        : ", and the containers of " + String.join(", ", files.addedServices()) + " go") : scope == Scope.SEATABLE_AND_STOPPED
                ? "; it also starts the services found stopped" : "") + ")", List.of(start), Optional.empty()));
        steps.add(new Step(StepId.ROLLBACK_VERIFY, "wait until the " + saved.edition().displayName() + " " + saved.version()
                + " is healthy again", List.of(), Optional.of(new Verification.Healthy(saved.edition(), saved.version(), timeout))));
        return List.copyOf(steps);
    }
}

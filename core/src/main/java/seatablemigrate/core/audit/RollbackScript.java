package seatablemigrate.core.audit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import seatablemigrate.core.backup.BackupCatalog;
import seatablemigrate.core.run.Journal;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.runfolder.RunPointer;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.Ownership;
import seatablemigrate.core.spi.Shell;

/**
 * Renders {@code rollback --dry-run} as a bash script, as {@link AuditScript} does for a switch: the same prelude, the
 * project's lock, a guard that the backup still checks out, then exactly the changes and verifications the live
 * rollback produced (as recorded). A failure after the first change ends with exit 5 and the journal's word.
 */
public final class RollbackScript {
    /** The detail of the END line a live rollback to a backup writes. */
    private static final String RESTORED = "restored by 'seatable-migrate rollback'";

    private final BackupCatalog.Backup backup;
    private final Path composeDir;
    private final String service;
    private final List<Recorder.Entry> entries;
    private final String toolVersion;
    private final Instant now;
    private final String host;

    public RollbackScript(BackupCatalog.Backup backup, Path composeDir, String service, List<Recorder.Entry> entries, String toolVersion,
                          Instant now, String host) {
        this.backup = requireNonNull(backup, "backup is null");
        this.composeDir = requireNonNull(composeDir, "composeDir is null");
        this.service = requireNonNull(service, "service is null");
        this.entries = List.copyOf(entries);
        this.toolVersion = requireNonNull(toolVersion, "toolVersion is null");
        this.now = requireNonNull(now, "now is null");
        this.host = requireNonNull(host, "host is null");
    }

    public String render() {
        StringBuilder sb = new StringBuilder(AuditScript.SHEBANG);
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("seatable-migrate rollback script: return SeaTable to the " + backup.fromEdition().displayName() + " "
                + backup.fromVersion() + " saved in backup " + backup.id());
        lines.add("Recorded by seatable-migrate " + toolVersion + " (rollback --dry-run) at " + now);
        lines.add("Host:         " + host);
        lines.add("Compose dir:  " + composeDir);
        lines.add("Backup:       " + backup.dir() + " (" + backup.verification() + ")");
        lines.add("");
        lines.add("Run as root on the host: bash <this file>. Exit codes: 0 done, 3 refused by a guard (nothing changed),");
        lines.add("5 failed part-way (see the journal in the backup folder), 130 interrupted, 143 terminated.");
        lines.forEach(l -> sb.append(Shell.comment(l)));
        sb.append("\nset -euo pipefail\n\n");
        sb.append("COMPOSE_DIR=").append(Shell.quote(composeDir.toString())).append('\n');
        sb.append("SERVICE=").append(Shell.quote(service)).append('\n');
        sb.append(AuditScript.STATE);
        sb.append(AuditScript.PRELUDE);
        AuditScript.lock(sb, RunPointer.lockFile(composeDir));
        sb.append("# ---- Guard: the backup is still the tool's own and checks out ----\n");
        sb.append("if [ -n \"$(").append(Ownership.shellTreeCheck(Shell.quote(backup.dir().toString()))).append(" 2>&1)\" ]; then\n");
        sb.append("  fail_guard backup ").append(Shell.message("the backup " + backup.dir() + " or something in it is a symlink,"
                + " another user's, or writable by others")).append('\n');
        sb.append("fi\n");
        sb.append("if ! (cd ").append(Shell.quote(backup.dir().toString())).append(" && sha256sum -c --quiet ")
                .append(FileEdit.WriteChecksums.FILE_NAME).append(") >/dev/null 2>&1; then\n");
        sb.append("  fail_guard backup ").append(Shell.message("the backup " + backup.dir() + " no longer matches its checksums")).append('\n');
        sb.append("fi\n\n");
        Path journal = new RunFolder(backup.dir()).journal();
        // The backup's journal exists already: every end is journaled, as the live rollback does.
        sb.append("JOURNAL_READY=1\n");
        sb.append("failed_part_way() {\n");
        sb.append("  ").append(new FileEdit.AppendJournalLine(journal, Journal.END + " " + Outcome.NEEDS_ATTENTION.name() + " " + RESTORED).shell())
                .append(" || :\n");
        sb.append("  echo ").append(Shell.message("THE ROLLBACK FAILED part-way: see the journal in " + backup.dir()
                + "; .env and the license saved there are what to copy back into " + composeDir)).append(" >&2\n");
        sb.append("  exit ").append(Outcome.NEEDS_ATTENTION.exitCode()).append("\n}\n");
        AuditScript.onExit(sb, journal, "failed_part_way", "nothing was changed: SeaTable runs as it did");
        sb.append("# ---- The rollback, exactly as a live run performs it ----\n");
        AuditScript.appendEntries(sb, entries, true, Optional.empty());
        sb.append("\necho ").append(Shell.message("Done: SeaTable runs the " + backup.fromEdition().displayName() + " " + backup.fromVersion()
                + " again, as saved in " + backup.id())).append('\n');
        return sb.toString();
    }
}

/**
 * Backup: the run folders a host holds, as a whole: listing and verifying them, copying one to the operator's machine,
 * pruning old ones, and {@link ReturnToBackup} (the {@code rollback} command), which returns an installation to one.
 * What one run folder holds and where is {@link seatablemigrate.core.runfolder.RunFolder}'s.
 */
package seatablemigrate.core.backup;

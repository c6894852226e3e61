/**
 * The run folder: where a run's files live. {@link RunFolder} names a run's folder and the files in it (journal, log,
 * copied configuration, database dump, manifest), {@link BackupManifest} is the manifest's content, and
 * {@link RunPointer} is the host's record of a compose project's last run folder and the place of its lock. The
 * planner writes this layout, the runner, recovery, the backup commands and the audit scripts read it; this package
 * knows none of them.
 */
package seatablemigrate.core.runfolder;

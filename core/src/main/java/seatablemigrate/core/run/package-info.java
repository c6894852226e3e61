/**
 * Run: executing a plan's steps on a host. {@link seatablemigrate.core.run.Runner} applies them with a
 * {@link seatablemigrate.core.run.Journal} line before and after each and rolls back on failure or Ctrl-C;
 * {@link seatablemigrate.core.run.Verifier} proves health, edition and version; {@link seatablemigrate.core.run.Recovery}
 * finishes runs an earlier process left cut off; {@link seatablemigrate.core.run.ReturnToBackup} is {@code rollback}.
 * {@link seatablemigrate.core.run.Outcome} maps how a run ended to an exit code.
 */
package seatablemigrate.core.run;

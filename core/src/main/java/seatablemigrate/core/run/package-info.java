/**
 * Run: executing a plan's steps on a host. {@link Runner} applies them with a
 * {@link Journal} line before and after each and rolls back on failure or Ctrl-C;
 * {@link Verifier} proves health, edition and version; {@link Recovery}
 * finishes runs an earlier process left cut off. {@link RunMode} says whether a run changes the host or records into a
 * {@link Recorder} what it would change (the audit package renders that record).
 * {@link Outcome} maps how a run ended to an exit code. {@link ProjectLock} is how a command takes a project's run lock, or
 * is refused it.
 */
package seatablemigrate.core.run;

/**
 * Audit: what reviewers see instead of a change. A dry-run's {@link seatablemigrate.core.audit.Recorder} collects the
 * changes a live run would apply; {@link seatablemigrate.core.audit.AuditScript} and
 * {@link seatablemigrate.core.audit.RollbackScript} render them as bash scripts that re-check every pre-flight guard;
 * {@link seatablemigrate.core.audit.PlanReport} renders a plan for a change board.
 */
package seatablemigrate.core.audit;

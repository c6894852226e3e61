/**
 * Audit: what reviewers see instead of a change. A dry-run's {@link Recorder} collects the
 * changes a live run would apply; {@link AuditScript} and
 * {@link RollbackScript} render them as bash scripts that re-check every pre-flight guard;
 * {@link PlanReport} renders a plan for a change board.
 */
package seatablemigrate.core.audit;

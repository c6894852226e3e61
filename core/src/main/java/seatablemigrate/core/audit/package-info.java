/**
 * Audit: what reviewers see instead of a change. {@link AuditScript} and {@link RollbackScript} render what a dry-run's
 * {@link seatablemigrate.core.run.Recorder} collected as bash scripts that re-check every pre-flight guard;
 * {@link PlanReport} renders a plan for a change board. Audit reads plans, runs and backups and is read by none of
 * them: it is the last thing made of a plan.
 */
package seatablemigrate.core.audit;

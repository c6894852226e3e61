/**
 * Plan: from an inspected installation and a {@link MigrationRequest} to a
 * {@link MigrationPlan}: the pre-flight checks (each with its Java verdict and its shell
 * guard), the resolved {@link Target}, and the ordered {@link Step}s
 * with their rollback. Nothing here touches a host beyond reading.
 */
package seatablemigrate.core.plan;

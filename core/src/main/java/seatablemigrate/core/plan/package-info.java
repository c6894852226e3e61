/**
 * Plan: from an inspected installation and a {@link seatablemigrate.core.plan.MigrationRequest} to a
 * {@link seatablemigrate.core.plan.MigrationPlan}: the pre-flight checks (each with its Java verdict and its shell
 * guard), the resolved {@link seatablemigrate.core.plan.Target}, and the ordered {@link seatablemigrate.core.plan.Step}s
 * with their rollback. Nothing here touches a host beyond reading.
 */
package seatablemigrate.core.plan;

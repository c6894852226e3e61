/**
 * The use cases the CLI calls: status, plan, migrate, rollback, backups. {@link Workflow}
 * holds the order of things (lock, recover, inspect, plan, confirm, run) and delegates each part to the packages
 * {@code inspect}, {@code plan}, {@code backup}, {@code run} and {@code audit}.
 */
package seatablemigrate.core.workflow;

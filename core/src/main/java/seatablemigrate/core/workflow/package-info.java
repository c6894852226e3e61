/**
 * The use cases the CLI calls: status, plan, migrate, rollback, backups. {@link Workflow}
 * holds the order of things (lock, recover, inspect, plan, confirm, run) and delegates each part to the packages
 * {@code inspect}, {@code plan}, {@code backup}, {@code run} and {@code audit}. {@link CoreModule} is how Guice builds it
 * over the backend the CLI selected.
 */
package seatablemigrate.core.workflow;

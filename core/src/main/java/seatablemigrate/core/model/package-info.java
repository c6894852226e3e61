/**
 * Immutable domain values: editions, versions, image references, the {@code .env} file, licenses, secrets and
 * the observed {@link seatablemigrate.core.model.Installation}. Pure Java: no I/O, no Docker or SSH library.
 */
package seatablemigrate.core.model;

/**
 * seatable-migrate core: the migration workflow (inspect, pre-flight, plan, backup, switch, verify, rollback), the
 * domain values and the {@link seatablemigrate.core.spi.HostBackend} SPI. It imports no Docker or SSH library:
 * everything about SeaTable lives here, everything about transport lives in a backend.
 */
package seatablemigrate.core;

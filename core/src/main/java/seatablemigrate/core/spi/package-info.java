/**
 * The host backend SPI. Observing and changing are separate: {@link seatablemigrate.core.spi.HostBackend} has
 * read-only queries that may run at any time (also in a dry-run), and one {@code apply} for
 * {@link seatablemigrate.core.spi.Change}s, each of which has one canonical shell form.
 */
package seatablemigrate.core.spi;

/**
 * The host backend SPI. Observing and changing are separate: {@link seatablemigrate.core.spi.HostBackend} has
 * read-only queries that may run at any time (also in a dry-run), and one {@code apply} for
 * {@link seatablemigrate.core.spi.Change}s, each of which has one canonical shell form. Programs on the machine the
 * tool runs on (the local backend's Compose, {@code ssh -G}, credential helpers, {@code ansible-inventory}) start only
 * through {@link seatablemigrate.core.spi.LocalCommand}, which answers with the same
 * {@link seatablemigrate.core.spi.ExecResult} as a command on a host.
 */
package seatablemigrate.core.spi;

/**
 * The local {@link seatablemigrate.core.spi.HostBackend}: files through java.nio, the Docker engine through
 * docker-java, Compose through its CLI. Transport only: nothing here knows about SeaTable.
 */
package seatablemigrate.backend.local;

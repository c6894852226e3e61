/**
 * The SSH {@link seatablemigrate.core.spi.HostBackend} (in progress, issue 3): one connection per run, host keys
 * checked against known_hosts, authentication through ssh-agent and key files. Transport only.
 */
package seatablemigrate.backend.ssh;

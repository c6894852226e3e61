/**
 * Fleets: many hosts from an inventory (Ansible's in any form, or a plain list of targets), selected as Ansible's
 * {@code --limit} does, run with bounded parallelism in batches, and handed to Ansible as a playbook. The unit of work
 * per host is opaque here ({@link seatablemigrate.core.fleet.HostJob}): the CLI runs its single-host command for each,
 * so one host's run is the same whether it is alone or one of hundreds. {@link seatablemigrate.core.fleet.HostRun} keeps
 * what a fleet shows of a running host, from that host's events as values, and makes its row of the summary.
 */
package seatablemigrate.core.fleet;

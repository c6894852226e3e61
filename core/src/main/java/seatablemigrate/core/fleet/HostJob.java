package seatablemigrate.core.fleet;

/**
 * One host's part of a fleet run. Called once per host on a thread of its own; calls for different hosts run at the
 * same time and must share nothing that one host's failure could break. Returns how the host ended, also when it failed
 * (it does not throw for a host's failure).
 */
@FunctionalInterface
public interface HostJob {
    HostResult run(FleetHost host);
}

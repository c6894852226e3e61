package seatablemigrate.core.fleet;

import java.util.List;

/** What a fleet run tells while it runs; called from the hosts' threads, so implementations are thread-safe. */
public interface FleetListener {
    FleetListener NONE = new FleetListener() {};

    default void batchStarted(int number, int of, List<FleetHost> hosts) {}

    default void hostStarted(FleetHost host) {}

    default void hostFinished(HostResult result) {}

    /** A host that will not be started, and why (--max-fail reached, Ctrl-C, an offline fleet without its copy). */
    default void hostSkipped(HostResult result) {}
}

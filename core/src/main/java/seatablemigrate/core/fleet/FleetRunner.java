package seatablemigrate.core.fleet;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;

/**
 * Runs a job on many hosts: at most {@code forks} at once, batch after batch ({@link Batches}), and no new host once
 * {@code maxFail} hosts have failed or Ctrl-C was pressed ({@link Interruption}). Hosts already running are never
 * stopped from here: each reaches its own consistent end (its command handles Ctrl-C itself). One host's failure,
 * exception included, never touches another's.
 */
public final class FleetRunner {
    /**
     * @param forks   hosts at once (1 or more)
     * @param maxFail failures after which no new host starts; empty for no limit
     */
    public record Settings(int forks, Batches batches, Optional<Integer> maxFail) {
        public Settings {
            if (forks < 1) {
                throw new UsageException("--forks " + forks + ": at least 1 host at a time");
            }
            if (maxFail.isPresent() && maxFail.get() < 1) {
                throw new UsageException("--max-fail " + maxFail.get() + ": stop after 1 or more failed hosts");
            }
        }
    }

    /**
     * Every host's result in the order the hosts were given, and how the run was cut short, if it was
     * ({@link Outcome#INTERRUPTED} by Ctrl-C, {@link Outcome#TERMINATED} by SIGTERM).
     */
    public record Result(List<HostResult> hosts, Optional<Outcome> stoppedAs) {
        public Result {
            hosts = List.copyOf(hosts);
            requireNonNull(stoppedAs, "stoppedAs is null");
        }

        public boolean interrupted() {
            return stoppedAs.isPresent();
        }

        /** The worst exit code among the hosts that ran; 130 (143) when Ctrl-C (SIGTERM) left hosts unstarted; 0 for none. */
        public int exitCode() {
            int worst = 0;
            for (HostResult r : hosts) {
                int code = r.exitCode().orElse(stoppedAs.map(Outcome::exitCode).orElse(0));
                if (HostResult.severity(code) > HostResult.severity(worst)) {
                    worst = code;
                }
            }
            return worst;
        }

        public long count(Predicate<HostResult> which) {
            return hosts.stream().filter(which).count();
        }
    }

    private final Settings settings;
    private final Interruption interruption;

    public FleetRunner(Settings settings, Interruption interruption) {
        this.settings = settings;
        this.interruption = interruption;
    }

    public Result run(List<FleetHost> hosts, HostJob job, FleetListener listener) {
        return run(hosts, h -> Optional.empty(), job, listener);
    }

    /**
     * As {@link #run(List, HostJob, FleetListener)}, but a host for which {@code skip} gives a reason is not started: its
     * result is {@link HostResult#skipped} with that reason, which counts as no failure ({@code --max-fail}).
     */
    public Result run(List<FleetHost> hosts, Function<FleetHost, Optional<String>> skip, HostJob job, FleetListener listener) {
        AtomicInteger failures = new AtomicInteger();
        List<HostResult> results = new ArrayList<>();
        List<List<FleetHost>> batches = settings.batches().split(hosts);
        int number = 0;
        for (List<FleetHost> batch : batches) {
            number++;
            if (stopReason(failures).isPresent()) {
                for (FleetHost h : batch) {
                    results.add(skip(h, stopReason(failures).get(), listener));
                }
                continue;
            }
            listener.batchStarted(number, batches.size(), batch);
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.forks(), batch.size()), r -> {
                Thread t = new Thread(r, "seatable-migrate-fleet");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<HostResult>> running = new ArrayList<>();
                for (FleetHost h : batch) {
                    running.add(pool.submit(() -> one(h, skip, job, listener, failures)));
                }
                for (int i = 0; i < running.size(); i++) {
                    results.add(await(running.get(i), batch.get(i)));
                }
            } finally {
                pool.shutdown();
            }
        }
        return new Result(results, interruption.requested() ? Optional.of(interruption.outcome()) : Optional.empty());
    }

    private HostResult one(FleetHost host, Function<FleetHost, Optional<String>> skip, HostJob job, FleetListener listener,
                           AtomicInteger failures) {
        Optional<String> stop = stopReason(failures);
        if (stop.isPresent()) {
            return skip(host, stop.get(), listener);
        }
        Optional<String> skipped = skip.apply(host);
        if (skipped.isPresent()) {
            HostResult r = HostResult.skipped(host, skipped.get());
            listener.hostSkipped(r);
            return r;
        }
        listener.hostStarted(host);
        HostResult r;
        try {
            r = job.run(host);
        } catch (RuntimeException e) {
            r = new HostResult(host, "needs-attention", Optional.of(5), "", "", "", "internal error: " + e);
        }
        if (r.failed()) {
            failures.incrementAndGet();
        }
        listener.hostFinished(r);
        return r;
    }

    private Optional<String> stopReason(AtomicInteger failures) {
        if (interruption.requested()) {
            return Optional.of("not started: the fleet run was " + (interruption.outcome() == Outcome.TERMINATED ? "terminated" : "interrupted"));
        }
        return settings.maxFail().filter(max -> failures.get() >= max)
                .map(max -> "not started: " + failures.get() + " host" + (failures.get() == 1 ? "" : "s") + " failed (--max-fail " + max + ")");
    }

    private static HostResult skip(FleetHost host, String why, FleetListener listener) {
        HostResult r = HostResult.notStarted(host, why);
        listener.hostSkipped(r);
        return r;
    }

    private static HostResult await(Future<HostResult> f, FleetHost host) {
        while (true) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                // Ctrl-C reaches the hosts through their own handlers; this thread still waits for them to end.
                Thread.interrupted();
            } catch (ExecutionException e) {
                return new HostResult(host, "needs-attention", Optional.of(5), "", "", "", "internal error: " + e.getCause());
            }
        }
    }
}

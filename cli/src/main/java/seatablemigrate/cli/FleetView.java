package seatablemigrate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import seatablemigrate.core.fleet.FleetHost;
import seatablemigrate.core.fleet.FleetListener;
import seatablemigrate.core.fleet.FleetRunner;
import seatablemigrate.core.fleet.HostResult;
import seatablemigrate.core.fleet.HostRun;

/**
 * The fleet for people. On a terminal a live block, redrawn four times a second, has one line per running host (its
 * step and progress) under the lines of hosts that ended; elsewhere each host's start and end is one line. At the end, a
 * summary table: host, from, to, outcome, exit code, backup folder. With -q only failed hosts and the table.
 */
final class FleetView implements FleetListener, AutoCloseable {
    private final PrintWriter out;
    private final boolean ansi;
    private final boolean quiet;
    private final int width;
    private final Map<FleetHost, HostRun> running = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker;
    private final ScheduledFuture<?> ticking;
    private int drawn;
    private int ended;
    private final int total;

    /**
     * @param width the terminal's width: a live line never wraps, or redrawing would leave pieces behind
     * @param total the hosts of the run
     */
    FleetView(PrintWriter out, boolean ansi, boolean quiet, int width, int total) {
        this.out = out;
        this.total = total;
        this.width = Math.max(40, width);
        this.ansi = ansi && !quiet;
        this.quiet = quiet;
        this.ticker = this.ansi ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seatable-migrate-fleet-view");
            t.setDaemon(true);
            return t;
        }) : null;
        this.ticking = ticker == null ? null : ticker.scheduleAtFixedRate(this::redraw, 250, 250, TimeUnit.MILLISECONDS);
    }

    synchronized void running(FleetHost host, HostRun run) {
        running.put(host, run);
    }

    @Override
    public synchronized void batchStarted(int number, int of, List<FleetHost> hosts) {
        if (of > 1 && !quiet) {
            permanent("batch " + number + " of " + of + ": " + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s"));
        }
    }

    @Override
    public synchronized void hostStarted(FleetHost host) {
        if (!ansi && !quiet) {
            permanent(host.name() + ": started (" + host.target() + ")");
        }
    }

    @Override
    public synchronized void hostFinished(HostResult r) {
        running.remove(r.host());
        ended++;
        if (!quiet || r.failed()) {
            permanent(r.host().name() + ": " + r.outcome() + " (exit " + r.exitCode().orElse(-1) + "): " + r.message());
        }
    }

    @Override
    public synchronized void hostSkipped(HostResult r) {
        ended++;
        if (!quiet) {
            permanent(r.host().name() + ": " + r.message());
        }
    }

    /** A line that stays: printed above the live block, which is drawn again below it. */
    private void permanent(String line) {
        clear();
        out.println(line);
        draw();
        out.flush();
    }

    private synchronized void redraw() {
        clear();
        draw();
        out.flush();
    }

    private void clear() {
        if (ansi && drawn > 0) {
            TerminalWriter.control(out, "\033[" + drawn + "F\033[J");
            drawn = 0;
        }
    }

    private void draw() {
        if (!ansi || running.isEmpty()) {
            return;
        }
        out.println("  " + ended + "/" + total + " hosts ended; running:");
        drawn = 1;
        int names = running.keySet().stream().mapToInt(h -> h.name().length()).max().orElse(4);
        for (Map.Entry<FleetHost, HostRun> e : running.entrySet()) {
            String line = String.format("    %-" + names + "s  %s", e.getKey().name(), e.getValue().line());
            out.println(line.length() >= width ? line.substring(0, width - 4) + "..." : line);
            drawn++;
        }
    }

    /** The table at the end. */
    synchronized void summary(FleetRunner.Result result, Path logDir) {
        clear();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HOST", "FROM", "TO", "OUTCOME", "EXIT", "BACKUP"});
        for (HostResult r : result.hosts()) {
            rows.add(new String[] {r.host().name(), dash(r.from()), dash(r.to()), r.outcome(), r.exitCode().map(String::valueOf).orElse("-"), dash(r.backup())});
        }
        int[] width = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        out.println();
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                sb.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
        // Why a host did not take part is its own: said under the table, also with -q.
        result.hosts().stream().filter(r -> r.outcome().equals(HostResult.SKIPPED)).forEach(r -> out.println(r.host().name() + ": " + r.message()));
        Map<String, Long> counts = new LinkedHashMap<>();
        result.hosts().forEach(r -> counts.merge(r.outcome(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(v + " " + k));
        out.println();
        out.println(result.hosts().size() + " host" + (result.hosts().size() == 1 ? "" : "s") + ": " + String.join(", ", parts)
                + result.stoppedAs().map(o -> " (" + o.word() + ")").orElse("") + ". Logs: " + logDir);
        out.flush();
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticking.cancel(false);
            ticker.shutdownNow();
        }
    }
}

package seatablemigrate.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.fleet.FleetCopies;
import seatablemigrate.core.fleet.FleetHost;
import seatablemigrate.core.fleet.FleetListener;
import seatablemigrate.core.fleet.FleetRunner;
import seatablemigrate.core.fleet.Handoff;
import seatablemigrate.core.fleet.HostResult;
import seatablemigrate.core.fleet.HostRun;
import seatablemigrate.core.fleet.Inventory;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;
import seatablemigrate.core.run.Reporter;
import seatablemigrate.core.spi.Shell;

/**
 * A command over the hosts of an inventory. Each host runs the same single-host command the user would type for it
 * ({@link HostCommandLine}), in this process, with its own injector and connection; its events, as values, go to the
 * live view ({@link HostRun}, which also makes the summary's row), the host's log and the fleet's own JSON stream.
 * Scheduling is {@link FleetRunner}'s.
 */
final class Fleet {
    /**
     * What the command does to hosts, for the confirmation, the view and the hand-off.
     *
     * @param action e.g. "switch to the Developer Edition"
     * @param live   changes hosts (asks first unless --yes)
     */
    record Kind(String action, boolean live, boolean dryRun) {
        String title() {
            return dryRun ? "dry-run of the " + action : action;
        }
    }

    private final CommandSpec spec;
    private final SeatableMigrateCommand global;
    private final FleetOptions options;
    private final Kind kind;

    Fleet(CommandSpec spec, SeatableMigrateCommand global, FleetOptions options, Kind kind) {
        this.spec = spec;
        this.global = global;
        this.options = options;
        this.kind = kind;
    }

    int run(boolean yes, Optional<Path> scriptDir, Optional<Path> fetchBackup) {
        return run(yes, scriptDir, fetchBackup, Optional.empty());
    }

    /**
     * @param copies for an offline fleet dry-run, where each host's copies are ({@code --from-dir}, and for an upgrade
     *               {@code --seatable-conf-from-dir}): each host reads its own with {@code --from} (and
     *               {@code --seatable-conf-from}), and a host without them is skipped
     */
    int run(boolean yes, Optional<Path> scriptDir, Optional<Path> fetchBackup, Optional<FleetCopies> copies) {
        Output.verbosity(global); // -q with -v is a usage error here too, before any host
        FleetRunner.Settings settings = options.settings();
        List<FleetHost> hosts = hosts();
        PrintWriter out = spec.commandLine().getOut();
        if (options.listHosts) {
            return listHosts(hosts, out);
        }
        if (kind.live() && !yes && !confirmed(hosts, out)) {
            return Outcome.REFUSED.exitCode();
        }
        Handoff names = new Handoff(hosts);
        Path logDir = directory(options.logDir != null ? options.logDir
                : Path.of("seatable-migrate-fleet-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .format(LocalDateTime.now(ZoneId.systemDefault()))), "log directory");
        Optional<Path> scripts = kind.dryRun() ? Optional.of(directory(scriptDir.orElse(logDir), "script directory")) : Optional.empty();
        HostCommandLine commandLine = new HostCommandLine(spec.root().commandLine().getParseResult());
        FleetJson json = global.json ? new FleetJson(out) : null;
        FleetView view = new FleetView(out, json == null && global.terminal.controls(), global.quiet || json != null,
                spec.usageMessage().width(), hosts.size());
        announce(hosts, settings, logDir, json, out);
        Interruption interruption = new Interruption();
        StopSignals stop = StopSignals.forwardTo(interruption, Duration.ofHours(1), "seatable-migrate-fleet-interrupt");
        try (view) {
            FleetListener listener = json == null ? view : new FleetListener() {
                @Override
                public void hostSkipped(HostResult r) {
                    json.skipped(r);
                }
            };
            FleetRunner.Result result = new FleetRunner(settings, interruption).run(hosts,
                    host -> copies.flatMap(c -> c.skipped(host, Files::isDirectory)), host -> {
                String file = names.fileName(host);
                List<String> args = commandLine.forHost(host, scripts.map(d -> d.resolve(file + ".sh")),
                        fetchBackup.map(d -> d.toAbsolutePath().normalize().resolve(file)), copies);
                if (kind.live() && !args.contains("--yes")) {
                    args.add("--yes"); // confirmed once for the fleet
                }
                return runOne(host, args, logDir.resolve(file + ".log"), view, json);
            }, listener);
            if (kind.dryRun()) {
                handOff(result, names, scripts.orElseThrow(), settings, json == null ? out : null);
            }
            String message = result.count(HostResult::failed) + " of " + hosts.size() + " hosts failed"
                    + (result.count(r -> !r.started()) > 0 ? ", " + result.count(r -> !r.started()) + " not started" : "");
            if (json != null) {
                return json.result(result, message);
            }
            view.summary(result, logDir);
            return result.exitCode();
        } finally {
            stop.close();
        }
    }

    /** The inventory's hosts, or those {@code --limit} selects; none, or a bad {@code ansible_port}, is a usage error. */
    private List<FleetHost> hosts() {
        Inventory inventory = InventorySource.read(options.inventory);
        List<FleetHost> hosts = options.limit == null ? inventory.hosts() : inventory.select(options.limit);
        if (hosts.isEmpty()) {
            throw new UsageException("the inventory " + options.inventory + " has no hosts");
        }
        for (FleetHost h : hosts) {
            h.target(); // a bad ansible_port is a usage error before anything runs
        }
        return hosts;
    }

    /** Whether the user confirms a live run on {@code hosts} at the terminal; without one, a usage error (use --yes). */
    private boolean confirmed(List<FleetHost> hosts, PrintWriter out) {
        Console console = System.console();
        if (console == null) {
            throw new UsageException("the " + kind.title() + " on " + hosts.size() + " hosts asks for confirmation, but there is no"
                    + " terminal: add --yes");
        }
        String answer = console.readLine("Proceed with the %s on %d host%s (%s)? Review first with 'plan --inventory'. [y/N] ", kind.title(),
                hosts.size(), hosts.size() == 1 ? "" : "s", Shell.printable(names(hosts)));
        if (!Prompt.accepted(answer)) {
            out.println("Nothing was started.");
            return false;
        }
        return true;
    }

    /** The run's first words: JSON's start event, or one line saying what runs where, unless quiet. */
    private void announce(List<FleetHost> hosts, FleetRunner.Settings settings, Path logDir, FleetJson json, PrintWriter out) {
        if (json != null) {
            json.start(spec.name(), hosts);
        } else if (!global.quiet) {
            out.println("seatable-migrate: " + kind.title() + " on " + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s") + ", "
                    + settings.forks() + " at a time; logs in " + logDir);
            out.flush();
        }
    }

    private HostResult runOne(FleetHost host, List<String> args, Path logFile, FleetView view, FleetJson json) {
        HostRun run = new HostRun(host, kind.live());
        view.running(host, run);
        try (HostLog log = new HostLog(logFile)) {
            log.line("# seatable-migrate " + String.join(" ", args));
            Reporter events = json == null ? Reporter.all(run, log) : Reporter.all(run, log, json.host(host));
            return run.result(HostCommandLine.run(args, events, log::line));
        }
    }

    /** The dry-run's hand-off: playbook and inventory for the hosts whose script was written. */
    private void handOff(FleetRunner.Result result, Handoff names, Path dir, FleetRunner.Settings settings, PrintWriter out) {
        // A host whose target Ansible cannot reach (another backend's scheme) is left out: the playbook would run its
        // script elsewhere.
        List<FleetHost> ready = result.hosts().stream().filter(r -> r.exitCode().orElse(-1) == 0).map(HostResult::host)
                .filter(h -> Files.isRegularFile(dir.resolve(names.fileName(h) + ".sh"))).filter(Handoff::reachable).toList();
        if (ready.isEmpty()) {
            if (out != null) {
                out.println("No host's dry-run ended with a script: no playbook written.");
            }
            return;
        }
        Handoff handoff = names.only(ready);
        String header = "Written by seatable-migrate " + Versions.TOOL + " on " + Instant.now() + " from a fleet dry-run of "
                + ready.size() + " host" + (ready.size() == 1 ? "" : "s") + ".\nEach host's script is the audit script of its own dry-run; review them,"
                + " then run this playbook.";
        Output.save(dir.resolve("inventory"), "inventory", handoff.inventory(header, Optional.ofNullable(global.knownHosts).map(p -> p.toAbsolutePath().normalize()),
                Optional.ofNullable(global.sshConfig).map(p -> p.toAbsolutePath().normalize())).getBytes(StandardCharsets.UTF_8));
        Output.save(dir.resolve("playbook.yml"), "playbook", handoff.playbook(header, "seatable-migrate: " + kind.action() + " (reviewed scripts)",
                settings.batches(), settings.maxFail(), settings.forks()).getBytes(StandardCharsets.UTF_8));
        if (out != null) {
            out.println("Ansible hand-off in " + dir + ": " + ready.size() + " host script" + (ready.size() == 1 ? "" : "s")
                    + ", playbook.yml, inventory. Review, then: cd " + dir + " && ansible-playbook -i inventory playbook.yml");
            if (ready.size() < result.hosts().size()) {
                out.println("Left out (their dry-run did not end with a script, or Ansible cannot reach their target): " + names(result.hosts().stream().map(HostResult::host)
                        .filter(h -> !ready.contains(h)).toList()));
            }
        }
    }

    private int listHosts(List<FleetHost> hosts, PrintWriter out) {
        if (global.json) {
            FleetJson json = new FleetJson(out);
            json.start(spec.name(), hosts);
            return json.result(new FleetRunner.Result(List.of(), Optional.empty()), hosts.size() + " hosts listed");
        }
        out.println("  hosts (" + hosts.size() + "):");
        int width = hosts.stream().mapToInt(h -> h.name().length()).max().orElse(4);
        for (FleetHost h : hosts) {
            out.println(String.format("    %-" + width + "s  %s  %s%s", h.name(), h.target(), h.composeDir().map(Path::toString).orElse(global.composeDir.toString()),
                    h.become() || global.sudo ? "  (sudo)" : ""));
        }
        out.flush();
        return 0;
    }

    private static Path directory(Path dir, String what) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new UsageException("cannot create the " + what + " " + abs + ": " + e.getMessage());
        }
        return abs;
    }

    private static String names(List<FleetHost> hosts) {
        String all = String.join(", ", hosts.stream().limit(8).map(FleetHost::name).toList());
        return hosts.size() > 8 ? all + ", ..." : all;
    }
}

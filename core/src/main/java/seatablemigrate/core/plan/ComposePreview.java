package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import seatablemigrate.core.HostUnavailableException;
import seatablemigrate.core.ThreadPerTask;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.spi.EngineChange;
import seatablemigrate.core.spi.ExecResult;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.Shell;

/**
 * What Compose says it would do, asked before the first change with its global {@code --dry-run} flag (Compose v2.20
 * and newer): the switch's own command ({@code up -d --no-deps SERVICE}) with the target image in the environment, as
 * the switch will have it in {@code .env}; and a plain {@code up -d} of the project as it is, whose answer names the
 * services with pending changes of their own (a configuration hash written by another Compose, a stopped container),
 * which the switch leaves as they are. A read-only question ({@link HostBackend#composeQuery}): Compose's dry-run
 * creates, stops and pulls nothing.
 * <p>
 * Compose prints its decision for a container before it acts on it, and a dry-run fails where it cannot simulate what
 * a real run would have: a target image that the switch pulls first ("no such image"), a dependency it does not really
 * start. So the events printed count even when the command then fails; only an answer without any is no preview.
 *
 * @param switchActions what Compose would do to each container for the switch ({@code seatable-server} to
 *                      {@code recreate}), in its order
 * @param pending       each other service (by its container's service label, else the container's name) with why a
 *                      plain {@code up -d} would change it
 * @param unavailable   why there is no preview (Compose v1, a v2 without {@code --dry-run}, Compose's error); then the
 *                      other two are empty
 */
public record ComposePreview(Map<String, String> switchActions, Map<String, String> pending, Optional<String> unavailable) {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Compose v2's plain progress line in dry-run mode: {@code " DRY-RUN MODE -  Container NAME  EVENT"}. */
    private static final Pattern LINE = Pattern.compile("^\\s*DRY-RUN MODE -\\s+Container\\s+(\\S{1,255})\\s+(\\S[^\\n]*?)\\s*$");
    private static final Pattern RENAMED = Pattern.compile("[0-9a-f]{12}_(.+)");
    /** How many names a message shows at most (an answer is the host's data). */
    private static final int NAMED = 20;
    private static final Executor PARALLEL = new ThreadPerTask("seatable-migrate-preview");

    public ComposePreview {
        switchActions = Collections.unmodifiableMap(new LinkedHashMap<>(switchActions));
        pending = Collections.unmodifiableMap(new LinkedHashMap<>(pending));
        requireNonNull(unavailable, "unavailable is null");
    }

    static ComposePreview unavailable(String why) {
        return new ComposePreview(Map.of(), Map.of(), Optional.of(why));
    }

    /**
     * Asks Compose on the host what bringing up {@code inst}'s SeaTable service with {@code target} would do, and what a
     * plain {@code up -d} would do to the rest. Never throws for what the host answers: no preview is an answer too.
     */
    static ComposePreview ask(HostBackend host, Installation inst, ImageRef target) {
        ComposeCli cli = inst.composeCli().orElseThrow();
        String service = inst.seatableService().orElseThrow();
        if (cli == ComposeCli.STANDALONE) {
            return unavailable("docker-compose (v1) has no --dry-run to ask");
        }
        List<String> dryRun = List.of("--dry-run");
        // The rest as it is now: what is pending there does not depend on SeaTable's image.
        CompletableFuture<ExecResult> whole = CompletableFuture.supplyAsync(() -> query(host, inst, cli, Map.of(),
                concat(dryRun, EngineChange.Compose.up(inst.composeDir(), cli).args())), PARALLEL);
        ExecResult own = query(host, inst, cli, Map.of(Installation.IMAGE_KEY, target.toString()),
                concat(dryRun, EngineChange.Compose.upOnlyArgs(service)));
        return read(own, whole.join(), inst.containers(), cli);
    }

    private static ExecResult query(HostBackend host, Installation inst, ComposeCli cli, Map<String, String> env, List<String> args) {
        try {
            return host.composeQuery(cli, inst.composeDir(), env, args, TIMEOUT);
        } catch (HostUnavailableException e) {
            return ExecResult.of(-1, "", e.getMessage());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** The preview from Compose's answers to the switch's command ({@code own}) and to a plain {@code up -d} ({@code whole}). */
    static ComposePreview read(ExecResult own, ExecResult whole, List<ContainerState> containers, ComposeCli cli) {
        for (ExecResult r : List.of(own, whole)) {
            if (!r.succeeded() && events(r).isEmpty()) {
                String err = r.stderr() + r.stdout();
                return unavailable(err.contains("unknown flag: --dry-run")
                        ? "this '" + cli.spelling() + "' has no --dry-run (Compose 2.20 and newer have it)"
                        : "'" + cli.spelling() + " --dry-run up' failed (" + Shell.printable(r.describe()) + ")");
            }
        }
        Map<String, String> services = new LinkedHashMap<>();
        containers.forEach(c -> c.service().ifPresent(s -> services.put(c.name(), s)));
        Map<String, String> switchActions = new LinkedHashMap<>();
        events(own).forEach((container, events) -> switchActions.put(name(container, services), action(events)));
        Map<String, String> pending = new LinkedHashMap<>();
        Map<String, String> ownServices = new LinkedHashMap<>(switchActions);
        events(whole).forEach((container, events) -> {
            String name = name(container, services);
            if (!ownServices.containsKey(name) && pending.size() < NAMED) {
                reason(events).ifPresent(why -> pending.put(name, why));
            }
        });
        return new ComposePreview(switchActions, pending, Optional.empty());
    }

    /**
     * Each container's events in the order Compose printed them (its progress goes to stderr; stdout is read too). A
     * recreated container shows up under a second name, {@code <12 hex digits of its ID>_<name>} (the dry-run's stand-in
     * for the renamed old one): its events count for the name.
     */
    private static Map<String, List<String>> events(ExecResult r) {
        List<String[]> lines = new ArrayList<>();
        for (String line : (r.stderr() + "\n" + r.stdout()).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                lines.add(new String[] {m.group(1), m.group(2).strip()});
            }
        }
        Set<String> names = new HashSet<>();
        lines.forEach(l -> names.add(l[0]));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String[] l : lines) {
            Matcher renamed = RENAMED.matcher(l[0]);
            String name = renamed.matches() && names.contains(renamed.group(1)) ? renamed.group(1) : l[0];
            if (out.containsKey(name) || out.size() < NAMED) {
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(l[1]);
            }
        }
        return out;
    }

    /** The service a container belongs to, else its name; printable either way (both are the host's text). */
    private static String name(String container, Map<String, String> services) {
        return Shell.printable(services.getOrDefault(container, container));
    }

    /** One word for what Compose would do to a container: recreate, create, start, restart or leave it as it is. */
    private static String action(List<String> events) {
        if (events.contains("Recreate") || events.contains("Recreated")) {
            return "recreate";
        }
        if (events.contains("Creating") || events.contains("Created")) {
            return "create";
        }
        if (events.contains("Restart") || events.contains("Restarted")) {
            return "restart";
        }
        if (events.contains("Starting") || events.contains("Started")) {
            return "start";
        }
        return "leave as it is";
    }

    /** Why a plain {@code up -d} would change a container, if it would. */
    private static Optional<String> reason(List<String> events) {
        return switch (action(events)) {
            case "recreate" -> Optional.of("its configuration changed since it was created");
            case "create" -> Optional.of("it has no container");
            case "start", "restart" -> Optional.of("it is stopped");
            default -> Optional.empty();
        };
    }

    /** One sentence for the plan: what the switch does to which container, and what it leaves pending. */
    String describe(String service) {
        if (unavailable.isPresent()) {
            return "no preview (" + unavailable.get() + "); the switch brings up only " + service + " (up -d --no-deps)";
        }
        StringBuilder sb = new StringBuilder("Compose (--dry-run) would ");
        if (switchActions.isEmpty()) {
            sb.append("change no container for ").append(service);
        } else {
            List<String> parts = new ArrayList<>();
            switchActions.forEach((name, action) -> parts.add(action + " " + name));
            sb.append(String.join(", ", parts));
        }
        sb.append(" and no other container");
        pending.forEach((name, why) -> sb.append("; ").append(name).append(": ").append(why).append(", this switch leaves it as it is"));
        return sb.toString();
    }
}

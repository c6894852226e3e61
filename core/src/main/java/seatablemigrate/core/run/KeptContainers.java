package seatablemigrate.core.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.spi.Shell;

/**
 * Whether the project's other containers came through a switch as they were: the same container (ID) started at the
 * same time as at inspection. The switch brings up only SeaTable's service, so any difference was made by something
 * else (a restart policy, a command run meanwhile); it is said, as a warning, and not rolled back: SeaTable's switch
 * itself succeeded, and going back would not undo it.
 *
 * @param kept    whether every container was found as it was
 * @param message one sentence naming the containers ("mariadb kept running (same container, started ...)")
 */
public record KeptContainers(boolean kept, String message) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public KeptContainers {
        requireNonNull(message, "message is null");
    }

    /** Compares the containers seen at inspection ({@code before}) with those of the project now ({@code after}), by name. */
    public static KeptContainers compare(List<ContainerState> before, List<ContainerState> after) {
        Map<String, ContainerState> now = after.stream().collect(Collectors.toMap(ContainerState::name, Function.identity(), (a, b) -> a));
        List<ContainerState> kept = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ContainerState b : before) {
            String name = label(b);
            ContainerState a = now.get(b.name());
            if (a == null) {
                changed.add(name + " is gone (container " + shortId(b.id()) + " no longer exists)");
            } else if (!a.id().equals(b.id())) {
                changed.add(name + " was recreated (container " + shortId(b.id()) + " is now " + shortId(a.id()) + ", started " + time(a.startedAt()) + ")");
            } else if (b.startedAt().isEmpty() || !a.startedAt().equals(b.startedAt())) {
                changed.add(name + " was restarted (same container, started " + time(a.startedAt()) + ", before " + time(b.startedAt()) + ")");
            } else if (b.isRunning() && !a.isRunning()) {
                changed.add(name + " no longer runs (" + Shell.printable(a.status()) + ")");
            } else {
                kept.add(b);
            }
        }
        String keptText = kept.isEmpty() ? "" : kept.stream().map(KeptContainers::label).collect(Collectors.joining(", "))
                + (kept.stream().allMatch(ContainerState::isRunning) ? " kept running" : " kept as they were")
                + (kept.size() == 1 ? " (same container, started " : " (same containers; started ")
                + kept.stream().map(c -> time(c.startedAt())).collect(Collectors.joining(", ")) + ")";
        if (changed.isEmpty()) {
            return new KeptContainers(true, before.isEmpty() ? "no other container in the project" : keptText);
        }
        return new KeptContainers(false, String.join("; ", changed) + " (the switch brought up only SeaTable's service: something else"
                + " changed " + (changed.size() == 1 ? "it" : "them") + "; check " + (changed.size() == 1 ? "its" : "their") + " state)"
                + (keptText.isEmpty() ? "" : "; " + keptText));
    }

    /** A container by its service, else its name (the host's text, printable). */
    private static String label(ContainerState c) {
        return Shell.printable(c.service().orElse(c.name()));
    }

    private static String shortId(String id) {
        return Shell.printable(id.length() > 12 ? id.substring(0, 12) : id.isEmpty() ? "?" : id);
    }

    private static String time(Optional<Instant> t) {
        return t.map(TIME::format).orElse("at an unknown time");
    }
}

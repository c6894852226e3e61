package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.Secret;
import seatablemigrate.core.model.SecretMask;
import seatablemigrate.core.spi.HostFiles;

/**
 * What an upgrade does to the official files, decided from SeaTable's release files ({@link ReleaseFiles}): for each of the
 * project's compose files that the new release ships (never a {@code custom-*.yml}), unchanged since the running release
 * -> replaced by the new release's; changed by the admin -> three-way merged ({@link ThreeWayMerge}), or refused with the
 * conflicting lines. {@code .env} keeps every byte and gains only the variables the new files require
 * ({@code ${NAME:?...}}) and it lacks: the release template's value, or for a secret's name a secret generated on the host.
 *
 * @param base     the release whose files tell the admin's changes from the release's
 * @param target   the release whose files are taken
 * @param files    the files that change, in the project's order
 * @param env      the variables {@code .env} gains
 * @param services services the new files define that the running release's files did not (the way back removes them)
 * @param notes    what is left as it is, for the plan (a file the new release no longer ships)
 * @param refusal  why the files cannot be updated; nothing changes then
 * @param source   where the release files came from, for the plan, when their source says ({@link ReleaseSource.Provided#notes})
 */
public record ReleaseFilesUpdate(SeaTableVersion base, SeaTableVersion target, List<FileUpdate> files, List<EnvAddition> env,
                                 List<String> services, List<String> notes, Optional<String> refusal, List<String> source) {
    /** Any reference to a variable: {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?why}}. */
    private static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern REQUIRED = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*):?\\?");
    private static final Pattern SERVICE = Pattern.compile("^  ([A-Za-z0-9][A-Za-z0-9._-]*):\\s*(#.*)?$");
    /**
     * A literal value after a secret's name: {@code PASSWORD=x}, {@code token: "x"}; not a reference ({@code PASSWORD=${VAR}})
     * nor the name inside one ({@code ${DB_PASSWORD:?message}}).
     */
    private static final Pattern LITERAL_SECRET = Pattern.compile(
            "(?i)(pass(word|wd)?|secret|token|private_key|api_key)[a-z0-9_]*\\s*(=|:(?![?+-]))\\s*['\"]?(?!\\$\\{)[^\\s'\"#]");

    public ReleaseFilesUpdate {
        requireNonNull(base, "base is null");
        requireNonNull(target, "target is null");
        files = List.copyOf(files);
        env = List.copyOf(env);
        services = List.copyOf(services);
        notes = List.copyOf(notes);
        requireNonNull(refusal, "refusal is null");
        source = List.copyOf(source);
    }

    /** How a file changes. */
    public enum How {
        /** The admin had not changed it: the new release's file replaces it. */
        REPLACED,
        /** The admin had changed it: the new release's changes are merged into it. */
        MERGED
    }

    /** One compose file written by the upgrade: {@code content} is public (the release's) or the admin's own plus it. */
    public record FileUpdate(Path path, How how, String content) {
        public FileUpdate {
            requireNonNull(path, "path is null");
            requireNonNull(how, "how is null");
            requireNonNull(content, "content is null");
        }
    }

    /** One variable {@code .env} gains: the release template's (public) value, or a secret generated on the host when empty. */
    public record EnvAddition(String key, Optional<String> value) {
        public EnvAddition {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }

        public boolean generated() {
            return value.isEmpty();
        }
    }

    /** Whether the update changes anything on the host. */
    public boolean changes() {
        return refusal.isEmpty() && (!files.isEmpty() || !env.isEmpty());
    }

    /** One line for the plan's check: what changes, or why nothing can. */
    public String describe() {
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<String> parts = new ArrayList<>();
        for (FileUpdate f : files) {
            parts.add(f.path().getFileName() + (f.how() == How.REPLACED ? " replaced by " + target + "'s" : " merged with " + target
                    + "'s changes (yours kept)"));
        }
        for (EnvAddition e : env) {
            parts.add(".env gains " + e.key() + (e.generated() ? " (a secret generated on the host, never shown)" : " (the release's default)"));
        }
        if (!services.isEmpty()) {
            parts.add("new services " + String.join(", ", services));
        }
        parts.addAll(notes);
        String what = parts.isEmpty() ? "the project's official files are " + target + "'s already" : String.join("; ", parts)
                + " (files of " + base + " -> " + target + ")";
        return source.isEmpty() ? what : what + "; " + String.join("; ", source);
    }

    /** This update, its release files' source described by {@code lines} ({@link ReleaseSource.Provided#notes}). */
    public ReleaseFilesUpdate from(List<String> lines) {
        return new ReleaseFilesUpdate(base, target, files, env, services, notes, refusal, lines);
    }

    /**
     * Decides the update of {@code inst}'s official files from {@code running} to {@code target}, reading the project's
     * compose files from {@code host}.
     */
    public static ReleaseFilesUpdate decide(HostFiles host, Installation inst, ReleaseFiles release, SeaTableVersion running,
                                            SeaTableVersion target) {
        return decide(host, Optional.empty(), inst, release, running, target);
    }

    /**
     * As {@link #decide(HostFiles, Installation, ReleaseFiles, SeaTableVersion, SeaTableVersion)}, reading the project's files
     * from {@code copy} when given (offline: a copy of the compose directory, read through {@code host}, the machine the tool
     * runs on; the script's guards check the host's files against it). Offline the containers are not observed, so new
     * services, whose way back removes containers the restored files do not define, are refused.
     */
    public static ReleaseFilesUpdate decide(HostFiles host, Optional<Path> copy, Installation inst, ReleaseFiles release,
                                            SeaTableVersion running, SeaTableVersion target) {
        Optional<ReleaseFiles.Release> to = release.forVersion(target);
        if (to.isEmpty()) {
            return refused(running, target, "the release files " + release.root() + " hold no export of release " + target.majorMinor()
                    + ".x (they hold " + release.versions() + ")");
        }
        Optional<ReleaseFiles.Release> from = release.forVersion(running);
        Function<Path, Optional<byte[]>> read = copy.<Function<Path, Optional<byte[]>>>map(c -> f -> host.readFile(c.resolve(
                inst.composeDir().relativize(f).toString()))).orElse(host::readFile);
        return new Decider(read, copy.isEmpty(), inst, from, to.get(), running, release.root()).decide();
    }

    /** An update that changes nothing, for {@code why}. */
    static ReleaseFilesUpdate refused(SeaTableVersion base, SeaTableVersion target, String why) {
        return new ReleaseFilesUpdate(base, target, List.of(), List.of(), List.of(), List.of(), Optional.of(why), List.of());
    }

    /** The decisions for one project, file by file, then for {@code .env}. */
    private static final class Decider {
        private final Function<Path, Optional<byte[]>> read;
        private final boolean containersObserved;
        private final Installation inst;
        private final Optional<ReleaseFiles.Release> from;
        private final ReleaseFiles.Release to;
        private final List<FileUpdate> updates = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        /** Each official file's text as the project has it now, and as it will be. */
        private final Map<String, String> before = new LinkedHashMap<>();
        private final Map<String, String> after = new LinkedHashMap<>();
        /** Each project file's text as read from the host, once. */
        private final Map<Path, Optional<String>> texts = new HashMap<>();
        private final SeaTableVersion running;
        private final Path root;

        Decider(Function<Path, Optional<byte[]>> read, boolean containersObserved, Installation inst, Optional<ReleaseFiles.Release> from,
                ReleaseFiles.Release to, SeaTableVersion running, Path root) {
            this.read = read;
            this.containersObserved = containersObserved;
            this.inst = inst;
            this.from = from;
            this.to = to;
            this.running = running;
            this.root = root;
        }

        ReleaseFilesUpdate decide() {
            SeaTableVersion base = from.map(ReleaseFiles.Release::version).orElse(running);
            for (Path file : inst.composeFiles()) {
                String name = file.getFileName().toString();
                if (!file.getParent().equals(inst.composeDir()) || name.startsWith("custom-")) {
                    continue; // the admin's own files are never touched
                }
                if (!to.files().containsKey(name)) {
                    if (from.filter(r -> r.files().containsKey(name)).isPresent()) {
                        notes.add(name + " is not in " + to.version() + "'s files: left as it is");
                    }
                    continue;
                }
                file(file, name);
            }
            if (!problems.isEmpty()) {
                return refused(base, to.version(), String.join("; ", problems));
            }
            List<EnvAddition> env = new ArrayList<>();
            Optional<String> envProblem = env(env);
            if (envProblem.isPresent()) {
                return refused(base, to.version(), envProblem.get());
            }
            List<String> services = new ArrayList<>(services(after.values()));
            services.removeAll(services(from.map(r -> r.files().values()).orElse(List.of())));
            Set<String> defined = services(current());
            services.removeAll(defined);
            // The way back removes the containers of services the restored files do not define: such containers must not
            // exist before the upgrade, or it would remove them too.
            List<String> orphans = inst.containers().stream().flatMap(c -> c.service().stream()).filter(n -> !defined.contains(n))
                    .distinct().toList();
            if (!updates.isEmpty() && !services.isEmpty() && !containersObserved) {
                return refused(base, to.version(), to.version() + "'s files add " + String.join(", ", services) + ", so the way back removes"
                        + " the containers of services the project's files do not define; offline the host's containers are not seen: plan"
                        + " this upgrade on the host");
            }
            if (!updates.isEmpty() && !services.isEmpty() && !orphans.isEmpty()) {
                return refused(base, to.version(), to.version() + "'s files add " + String.join(", ", services) + ", so the way back removes"
                        + " the containers of services the project's files do not define; " + String.join(", ", orphans) + " already run"
                        + " without a service in them and would go too: remove them first ('docker compose up -d --remove-orphans' in the"
                        + " project) or add their files to COMPOSE_FILE, then plan again");
            }
            return new ReleaseFilesUpdate(base, to.version(), updates, env, updates.isEmpty() ? List.of() : services, notes, Optional.empty(), List.of());
        }

        /** The project's compose files as they are now, as text (unreadable ones are left out). */
        private List<String> current() {
            List<String> out = new ArrayList<>();
            for (Path f : inst.composeFiles()) {
                text(f).ifPresent(out::add);
            }
            return out;
        }

        /** A project file's text (empty when it cannot be read as UTF-8), read from the host the first time it is asked. */
        private Optional<String> text(Path file) {
            return texts.computeIfAbsent(file, f -> read.apply(f).flatMap(ReleaseFiles::utf8));
        }

        private void file(Path file, String name) {
            String theirs = to.files().get(name);
            Optional<String> ours = text(file);
            if (ours.isEmpty()) {
                problems.add(file + " cannot be read as UTF-8 text");
                return;
            }
            before.put(name, ours.get());
            after.put(name, ours.get());
            if (ours.get().equals(theirs)) {
                return;
            }
            Optional<String> base = from.map(r -> r.files().get(name));
            if (base.isEmpty()) {
                problems.add(name + " differs from " + to.version() + "'s, and the release files hold no " + name + " of the running release "
                        + running + " to tell your changes from the release's: add its export (v" + running + ") to " + root);
                return;
            }
            if (ours.get().equals(base.get())) {
                updates.add(new FileUpdate(file, How.REPLACED, theirs));
                after.put(name, theirs);
                return;
            }
            merge(file, name, base.get(), ours.get(), theirs);
        }

        private void merge(Path file, String name, String base, String ours, String theirs) {
            ThreeWayMerge.Result merged;
            try {
                merged = ThreeWayMerge.merge(base, ours, theirs);
            } catch (IllegalArgumentException e) {
                problems.add(name + " was changed since " + from.orElseThrow().version() + " and is too long to merge (" + e.getMessage() + ")");
                return;
            }
            if (!merged.conflicts().isEmpty()) {
                problems.add(name + " was changed by hand where " + to.version() + " changes it too; merge it yourself (or move your"
                        + " change into a custom-*.yml) and plan again:\n" + conflicts(merged.conflicts(),
                        new SecretMask(inst.env().map(EnvFile::secretValues).orElse(List.of()))));
                return;
            }
            String text = merged.text().orElseThrow();
            Optional<String> secret = literalSecret(text, base, theirs);
            if (secret.isPresent()) {
                problems.add(name + " holds a literal secret in a line you added (" + secret.get() + "): the audit script and the plan would"
                        + " show it when the file is rewritten. Put the value into .env and refer to it as ${NAME}, then plan again");
                return;
            }
            updates.add(new FileUpdate(file, How.MERGED, text));
            after.put(name, text);
        }

        /** The first line the admin added that holds a secret: a literal after a secret's name, or a value of {@code .env}. */
        private Optional<String> literalSecret(String merged, String base, String theirs) {
            Set<String> official = new LinkedHashSet<>(ThreeWayMerge.lines(base));
            official.addAll(ThreeWayMerge.lines(theirs));
            List<Secret> secrets = inst.env().map(EnvFile::secretValues).orElse(List.of());
            List<String> lines = ThreeWayMerge.lines(merged);
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (official.contains(line)) {
                    continue;
                }
                String l = line;
                if (LITERAL_SECRET.matcher(line).find() || secrets.stream().anyMatch(s -> l.contains(s.reveal()))) {
                    return Optional.of("line " + (n + 1));
                }
            }
            return Optional.empty();
        }

        /** The variables the files require and {@code .env} lacks; a problem when one has no value to give. */
        private Optional<String> env(List<EnvAddition> out) {
            EnvFile env = inst.env().orElse(EnvFile.parse(new byte[0]));
            Optional<EnvFile> template = to.env().map(t -> EnvFile.parse(t.getBytes(StandardCharsets.UTF_8)));
            Set<String> required = new LinkedHashSet<>();
            for (String text : after.values()) {
                Matcher m = REQUIRED.matcher(text);
                while (m.find()) {
                    required.add(m.group(1));
                }
            }
            List<String> missing = new ArrayList<>();
            for (String key : required) {
                if (env.get(key).isPresent()) {
                    continue;
                }
                Optional<String> value = template.flatMap(t -> t.get(key)).filter(v -> !v.isEmpty());
                if (value.isPresent() && !EnvFile.namesSecret(key)) {
                    out.add(new EnvAddition(key, value));
                } else if (EnvFile.namesSecret(key)) {
                    out.add(new EnvAddition(key, Optional.empty()));
                } else {
                    missing.add(key);
                }
            }
            if (!missing.isEmpty()) {
                return Optional.of(to.version() + "'s files require " + String.join(", ", missing) + ", which .env does not set and the"
                        + " release's template gives no value for: set " + (missing.size() == 1 ? "it" : "them") + " in .env, then plan again");
            }
            return renamed(env, out);
        }

        /**
         * A variable the official files used, that {@code .env} sets, and that the new files use no more, while they require one
         * {@code .env} lacks: most likely a rename, and a template default or a fresh secret would not be what SeaTable and its
         * database use now. Refused, for the admin to set the new name.
         */
        private Optional<String> renamed(EnvFile env, List<EnvAddition> added) {
            Set<String> dropped = references(before.values());
            dropped.removeAll(references(after.values()));
            dropped.removeIf(key -> env.get(key).isEmpty());
            if (added.isEmpty() || dropped.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(to.version() + "'s files require " + String.join(", ", added.stream().map(EnvAddition::key).toList())
                    + ", which .env lacks, and no longer use " + String.join(", ", dropped) + ", which .env sets: if a variable was renamed,"
                    + " set the new name in .env to the old one's value (a default or a new secret would not match what SeaTable and its"
                    + " database use now), else set the new one as you want it; then plan again");
        }

        private static Set<String> references(Collection<String> texts) {
            Set<String> names = new TreeSet<>();
            for (String text : texts) {
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            return names;
        }
    }

    /**
     * The conflicts as the admin reads them: where, what the running release had, yours, the new release's; the values of
     * {@code secrets} ({@code .env}'s) and literal secrets masked.
     */
    static String conflicts(List<ThreeWayMerge.Conflict> conflicts, SecretMask secrets) {
        StringBuilder sb = new StringBuilder();
        for (ThreeWayMerge.Conflict c : conflicts) {
            sb.append("  at line ").append(c.baseLine()).append(" of the running release's file:\n");
            block(sb, "    release before: ", c.base(), secrets);
            block(sb, "    yours:          ", c.ours(), secrets);
            block(sb, "    new release:    ", c.theirs(), secrets);
        }
        return sb.toString().stripTrailing();
    }

    private static void block(StringBuilder sb, String label, List<String> lines, SecretMask secrets) {
        if (lines.isEmpty()) {
            sb.append(label).append("(nothing)\n");
        }
        for (int i = 0; i < lines.size(); i++) {
            sb.append(i == 0 ? label : " ".repeat(label.length())).append(mask(secrets.mask(lines.get(i).stripTrailing())))
                    .append('\n');
        }
    }

    /** A line with a literal secret's value shown as the mask. */
    private static String mask(String line) {
        Matcher m = LITERAL_SECRET.matcher(line);
        return m.find() ? line.substring(0, m.end() - 1) + Secret.MASK : line;
    }

    /** The services the files define (a top-level {@code services:} block's keys, two spaces in). */
    private static Set<String> services(Iterable<String> files) {
        Set<String> out = new LinkedHashSet<>();
        for (String text : files) {
            boolean inServices = false;
            for (String line : ThreeWayMerge.lines(text)) {
                String l = line.stripTrailing();
                if (!l.isEmpty() && !l.startsWith(" ") && !l.startsWith("#")) {
                    inServices = l.startsWith("services:");
                } else if (inServices) {
                    Matcher m = SERVICE.matcher(l);
                    if (m.matches()) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return out;
    }
}

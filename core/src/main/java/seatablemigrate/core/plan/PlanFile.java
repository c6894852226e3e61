package seatablemigrate.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.model.SeaTableVersion;
import seatablemigrate.core.model.Sha256;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.spi.HostIdentity;
import seatablemigrate.core.spi.Shell;

/**
 * A reviewed plan ({@code plan --out FILE}, {@code migrate --plan FILE}): the plan as {@link PlanJson} shows it, plus
 * what was observed (fingerprints of {@code .env}, the license, the compose files and the images), the host it was
 * made on ({@link HostIdentity}) and the run's identity (its folder, which the run log and the audit script name too).
 * A run that follows it re-plans and refuses when anything differs: the host, a fingerprint, a step's shell form, the
 * run folder already existing.
 *
 * <p>The file is input, not authority: whoever can write it chooses every field, so {@link #parse} checks each field
 * the run reads exactly as the command-line option it stands for is checked (the same rules: {@link Edition#require},
 * {@link MigrationRequest#checkVersion}, {@link MigrationRequest#checkHealthTimeout}, {@link MigrationRequest#hostPath}),
 * and the run folder must be one the planner could have named in the plan's backup root ({@link Planner#isRunFolder}).
 * Anything else is a {@link UsageException} (exit 2) naming the file and the field. Fields shown only to the reviewer
 * ({@code checks}, {@code steps}, {@code current} but for its Compose...) are never read back: the run re-plans, and
 * the steps it compares are {@code comparedSteps}. Its {@link #digest} (SHA-256 of the file's bytes) is shown when it
 * is written and when it is carried out, and recorded in the run's log.
 */
public final class PlanFile {
    /** The command that makes a plan file again, for a file this version cannot take. */
    public static final String MAKE_AGAIN = "seatable-migrate plan --to EDITION --out FILE";
    /** The same for an upgrade's plan. */
    public static final String MAKE_UPGRADE_AGAIN = "seatable-migrate plan --upgrade --out FILE";
    /** Bumped on an incompatible change of the file; 2 names the host it was made for. */
    public static final int FORMAT = 2;
    /** The largest plan file read. */
    public static final int MAX_BYTES = 16 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] bytes;
    private final Sha256 digest;
    private final HostIdentity host;
    private final Path composeDir;
    private final Edition to;
    private final ComposeCli compose;
    private final String version;
    private final Optional<Path> license;
    private final boolean backup;
    private final Path backupRoot;
    private final Duration healthTimeout;
    private final boolean pinDigest;
    private final boolean fullRestart;
    private final Intent intent;
    private final Optional<Path> releaseFiles;
    private final boolean viaUpgrade;
    private final Path runDir;
    private final Optional<OfflineCopy> copy;
    private final Map<String, String> fingerprints;
    private final List<String> comparedSteps;
    private final List<String> comparedRollback;

    private PlanFile(byte[] bytes, Fields f) {
        this.bytes = bytes.clone();
        this.digest = Sha256.of(bytes);
        this.host = new HostIdentity(f.text("hostIdentity.target"), f.text("hostIdentity.fingerprint"));
        this.composeDir = f.path("composeDir");
        this.to = f.check("request.to", Edition::require);
        this.compose = f.check("current.compose", c -> ComposeCli.ofSpelling(c).orElseThrow(() -> new UsageException(
                "'" + c + "' is not a Compose: '" + ComposeCli.PLUGIN.spelling() + "' or '" + ComposeCli.STANDALONE.spelling() + "'")));
        this.version = f.check("target.version", v -> {
            MigrationRequest.checkVersion(v, "the version");
            if (SeaTableVersion.parse(v).isEmpty()) {
                throw new UsageException("'" + v + "' is not the version the plan resolved (X.Y.Z)");
            }
            return v;
        });
        this.license = f.has("request.license") ? Optional.of(f.path("request.license")) : Optional.empty();
        this.backup = f.bool("request.backup");
        this.backupRoot = f.path("request.backupDir");
        this.healthTimeout = MigrationRequest.checkHealthTimeout(Duration.ofSeconds(f.integer("request.healthTimeoutSeconds")),
                f.name("request.healthTimeoutSeconds"));
        this.pinDigest = f.bool("request.pinDigest");
        this.fullRestart = f.bool("fullRestart");
        // Plan files written before upgrades existed have no intent: they are switches.
        this.intent = f.has("request.intent") ? f.check("request.intent", i -> Intent.parse(i).orElseThrow(() -> new UsageException(
                "'" + i + "' is not a kind of run: switch or upgrade"))) : Intent.SWITCH;
        this.runDir = f.path("runDir");
        boolean upgrade = intent == Intent.UPGRADE;
        // The release files are read again where the plan names them (on the machine the tool runs on); the steps compare
        // what they write, so a folder that changed since is refused as drift.
        this.releaseFiles = f.has("request.releaseFiles") ? Optional.of(f.path("request.releaseFiles")) : Optional.empty();
        this.viaUpgrade = f.has("request.viaUpgrade") && f.bool("request.viaUpgrade");
        if (releaseFiles.isPresent() && !upgrade) {
            throw new UsageException(f.name("request.releaseFiles") + " is for an upgrade, and this plan is a switch");
        }
        SeaTableVersion release = SeaTableVersion.parse(version).orElseThrow();
        if (!(upgrade ? RunFolder.isUpgradeNamed(runDir, backupRoot, to, release) : RunFolder.isNamed(runDir, backupRoot, to))) {
            throw new UsageException(f.name("runDir") + " " + Shell.quote(runDir.toString()) + " is not a run folder of the plan's"
                    + " request.backupDir " + Shell.quote(backupRoot.toString()) + " (a folder directly in it named <UTC time>-"
                    + (upgrade ? "upgrade-to-" + release : "to-" + to.id()) + ", as the tool names them)");
        }
        if (f.bool("offline") && !f.has("copy.dir")) {
            throw new UsageException(f.name("offline") + " is true, but copy.dir, the copy the plan was made from, is missing");
        }
        // Offline the plan names the copy it read, which a dry-run of it reads again, and the host it is for (only words).
        this.copy = f.bool("offline") ? Optional.of(new OfflineCopy(f.path("copy.dir"),
                f.has("copy.host") ? Optional.of(f.text("copy.host")) : Optional.empty(),
                f.has("copy.seatableConf") ? Optional.of(f.path("copy.seatableConf")) : Optional.empty())) : Optional.empty();
        this.fingerprints = f.strings("fingerprints");
        this.comparedSteps = f.list("comparedSteps");
        this.comparedRollback = f.list("comparedRollback");
    }

    /** The plan file for {@code plan}, observed on {@code host}. */
    public static PlanFile of(MigrationPlan plan, HostBackend host, String toolVersion) {
        return of(plan, fingerprints(plan, host), host.identity(), host.describe(), toolVersion);
    }

    /**
     * The plan file for {@code plan}, with the {@link #fingerprints} already taken on the host {@code identity}, named
     * {@code hostName} in messages. It is read back through {@link #parse}: what is written is what a run accepts.
     */
    public static PlanFile of(MigrationPlan plan, Map<String, String> fingerprints, HostIdentity identity, String hostName, String toolVersion) {
        ObjectNode root = PlanJson.plan(plan);
        root.put("planFormat", FORMAT);
        root.put("tool", toolVersion);
        root.put("host", hostName);
        root.putObject("hostIdentity").put("target", identity.target()).put("fingerprint", identity.fingerprint());
        root.put("fullRestart", plan.request().fullRestart());
        root.put("fingerprintsReadFrom", plan.request().offline() ? "the copy " + plan.request().readDir() : "the host");
        ObjectNode prints = root.putObject("fingerprints");
        fingerprints.forEach(prints::put);
        // The steps as a run compares them, written by the same rule that reads the fresh plan's.
        stepForms(plan.steps()).forEach(root.putArray("comparedSteps")::add);
        stepForms(plan.rollback()).forEach(root.putArray("comparedRollback")::add);
        try {
            return parse(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), Path.of("the new plan file"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads and checks the plan file {@code file} on the machine the tool runs on (at most {@link #MAX_BYTES}: a plan is
     * some kilobytes, and the file is not trusted to be one).
     */
    public static PlanFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new UsageException(file + " is larger than " + (MAX_BYTES >> 20) + " MiB, which no plan file is");
            }
            return parse(bytes, file);
        } catch (IOException e) {
            throw new UsageException("cannot read the plan file " + file + ": " + e.getMessage());
        }
    }

    /** Reads and checks a plan file; anything a run would not accept is a {@link UsageException} naming {@code from} and the field. */
    public static PlanFile parse(byte[] bytes, Path from) {
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UsageException(from + " cannot be read as a plan file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException(from + " cannot be read as a plan file: " + e.getMessage());
        }
        if (!(n instanceof ObjectNode o) || !o.path("planFormat").isIntegralNumber()) {
            throw new UsageException(from + " is not a seatable-migrate plan file: its planFormat is missing or not a whole number (this"
                    + " seatable-migrate reads " + FORMAT + ")");
        }
        int format = o.path("planFormat").asInt();
        if (format == 1 || (format == FORMAT && !o.has("hostIdentity"))) {
            throw new UsageException(from + " was written by an older seatable-migrate (planFormat " + format + ") and does not name the host"
                    + " it was made for (hostIdentity): make the plan again with '" + MAKE_AGAIN + "' and review it");
        }
        if (format != FORMAT) {
            throw new UsageException(from + ": planFormat " + o.path("planFormat") + " is not one this seatable-migrate reads (" + FORMAT + ")");
        }
        Fields f = new Fields(o, from);
        if (f.bool("refused") || f.bool("nothingToDo")) {
            throw new UsageException(from + " holds a plan with nothing to carry out (refused or nothingToDo is true)");
        }
        return new PlanFile(bytes, f);
    }

    /** The file's bytes, exactly as written or read. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** SHA-256 of {@link #bytes}: what a reviewer compares with the file they approved. */
    public Sha256 digest() {
        return digest;
    }

    /** The host the plan was made on; for an offline plan the machine that holds the copy. */
    public HostIdentity host() {
        return host;
    }

    /**
     * For a plan made offline, the copy it was made from and the host it is for. Such a plan observed no host: it is
     * carried out only as a dry-run that writes its audit script ({@code migrate --plan FILE --dry-run}), from the same
     * copy, and the script checks the host.
     */
    public Optional<OfflineCopy> copy() {
        return copy;
    }

    public Path runDir() {
        return runDir;
    }

    /**
     * Why this plan must not run on the host {@code here}: empty when it is the host the plan was made on; otherwise a
     * message naming both.
     */
    public Optional<String> otherHost(HostIdentity here) {
        return here.equals(host) ? Optional.empty()
                : Optional.of("the plan was made for " + host + ", but this host is " + here);
    }

    /** The request the plan was made for; the target version is the one it resolved, so nothing is chosen again. */
    public MigrationRequest request() {
        MigrationRequest.Builder request = MigrationRequest.builder(composeDir, to)
                .compose(compose == ComposeCli.STANDALONE ? ComposePreference.STANDALONE : ComposePreference.PLUGIN)
                .version(Optional.of(version)).licenseFile(license).backup(backup).backupRoot(backupRoot).healthTimeout(healthTimeout)
                .pinDigest(pinDigest).fullRestart(fullRestart).offline(copy.isPresent()).intent(intent).reviewed(this)
                .releaseFiles(releaseFiles.map(PlanFile::readReleaseFiles)).viaUpgrade(viaUpgrade);
        copy.ifPresent(request::readingFrom);
        return request.build();
    }

    private static ReleaseFiles readReleaseFiles(Path dir) {
        try {
            return ReleaseFiles.read(dir);
        } catch (ReleaseFiles.FormatException e) {
            throw new UsageException("the plan's release files (request.releaseFiles): " + e.getMessage());
        }
    }

    /** What differs between this reviewed plan and {@code fresh}, made now on {@code host}; empty when nothing does. */
    public List<String> drift(MigrationPlan fresh, HostBackend host) {
        List<String> out = new ArrayList<>();
        // Offline the run folder is on a host this machine does not see: the script's run-folder guard checks it there.
        if (copy.isEmpty() && host.stat(runDir()).isPresent()) {
            out.add("its run folder " + runDir() + " exists: this plan was carried out already");
        }
        Map<String, String> now = fingerprints(fresh, host);
        now.forEach((k, v) -> {
            if (!v.equals(fingerprints.get(k))) {
                out.add(k + " is now " + v + ", reviewed " + fingerprints.getOrDefault(k, "(none)"));
            }
        });
        fingerprints.keySet().forEach(k -> {
            if (!now.containsKey(k)) {
                out.add(k + " was observed when reviewed and is gone now");
            }
        });
        compare("step", comparedSteps, stepForms(fresh.steps()), out);
        compare("rollback step", comparedRollback, stepForms(fresh.rollback()), out);
        return List.copyOf(out);
    }

    private static void compare(String what, List<String> was, List<String> now, List<String> out) {
        for (int i = 0; i < Math.max(was.size(), now.size()); i++) {
            String a = i < was.size() ? was.get(i) : "(none)";
            String b = i < now.size() ? now.get(i) : "(none)";
            if (!a.equals(b)) {
                out.add(what + " " + (i + 1) + " differs: reviewed '" + first(a) + "', now '" + first(b) + "'");
                return;
            }
        }
    }

    /**
     * Each step as compared: its id and each change's shell form (a written file only by its path, as a manifest holds a
     * time; but a compose file of the release files by its content's digest too).
     */
    private static List<String> stepForms(List<Step> steps) {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            StringBuilder sb = new StringBuilder(s.id());
            // A file the release files bring is compared by its content too: another merge is another plan.
            s.changes().forEach(c -> sb.append('\n').append(c instanceof FileChange.WriteFile w ? c.describe()
                    + (s.kind() == StepId.RELEASE_FILES ? " sha256 " + Sha256.of(w.content()).hex() : "") : c.shell()));
            out.add(sb.toString());
        }
        return out;
    }

    private static String first(String form) {
        String[] lines = form.split("\n");
        return lines.length > 1 ? lines[0] + ": " + lines[1] : lines[0];
    }

    /**
     * What a reviewed plan relied on: file checksums and image identities, by name. On the host they are read from the host
     * as it is now (not from what the inspection parsed): the bytes a run would act on. Offline they are the copy's, as the
     * inspection read it: the very checksums the audit script's {@code project} guard requires of the host's files.
     */
    public static Map<String, String> fingerprints(MigrationPlan plan, HostBackend host) {
        Installation i = plan.installation();
        Function<Path, Optional<Sha256>> sum = plan.request().offline() ? p -> p.equals(i.envPath())
                ? i.env().map(EnvFile::sha256) : p.equals(i.licensePath()) ? i.license().sha256()
                : Optional.ofNullable(i.composeFileSums().get(p)) : host::sha256;
        Map<String, String> out = new LinkedHashMap<>();
        out.put(".env sha256", sum.apply(i.envPath()).map(s -> s.hex()).orElse("missing"));
        out.put("license sha256", sum.apply(i.licensePath()).map(s -> s.hex()).orElse("no file"));
        for (Path f : i.composeFiles()) {
            out.put(f.getFileName() + " sha256", sum.apply(f).map(s -> s.hex()).orElse("missing"));
        }
        out.put("running image ID", plan.request().offline() ? "not observed (offline)" : i.seatable().map(c -> c.imageId()).orElse("not running"));
        plan.target().ifPresent(t -> out.put("target image", t.image() + t.imageId().map(id -> " " + id).orElse(" (to be pulled)")));
        plan.request().licenseFile().ifPresent(f -> out.put("offered license sha256", host.sha256(f).map(s -> s.hex()).orElse("missing")));
        return out;
    }

    /**
     * The fields of a plan file, each read with its JSON type checked; a field that is missing or of another type is a
     * {@link UsageException} naming the file and the field ({@code request.healthTimeoutSeconds}).
     */
    private static final class Fields {
        private final ObjectNode root;
        private final Path from;

        Fields(ObjectNode root, Path from) {
            this.root = root;
            this.from = from;
        }

        /** How messages name a field: {@code plan.json: request.backupDir}. */
        String name(String field) {
            return from + ": " + field;
        }

        boolean has(String field) {
            return !node(field).isMissingNode();
        }

        private JsonNode node(String field) {
            JsonNode n = root;
            for (String part : field.split("\\.")) {
                n = n.path(part);
            }
            return n;
        }

        private JsonNode required(String field, boolean ok, String type) {
            JsonNode n = node(field);
            if (n.isMissingNode()) {
                throw new UsageException(name(field) + " is missing");
            }
            if (!ok) {
                throw new UsageException(name(field) + " is not " + type + " (it is " + abbreviated(n) + ")");
            }
            return n;
        }

        String text(String field) {
            JsonNode n = required(field, node(field).isTextual(), "a string");
            if (n.asText().isBlank()) {
                throw new UsageException(name(field) + " is empty");
            }
            return n.asText();
        }

        boolean bool(String field) {
            return required(field, node(field).isBoolean(), "true or false").asBoolean();
        }

        /** A whole number that fits a long: 1.5, "300" and 1e30 are not. */
        long integer(String field) {
            JsonNode n = node(field);
            return required(field, n.isIntegralNumber() && n.canConvertToLong(), "a whole number of seconds").asLong();
        }

        /** The value held to {@code rule}, whose {@link UsageException} is prefixed with the field's name. */
        <T> T check(String field, Function<String, T> rule) {
            String value = text(field);
            try {
                return rule.apply(value);
            } catch (UsageException e) {
                throw new UsageException(name(field) + ": " + e.getMessage());
            }
        }

        Path path(String field) {
            JsonNode n = required(field, node(field).isTextual(), "a path");
            return MigrationRequest.hostPath(n.asText(), name(field));
        }

        /** An object of strings, in the file's order. */
        Map<String, String> strings(String field) {
            JsonNode n = required(field, node(field).isObject(), "an object");
            Map<String, String> out = new LinkedHashMap<>();
            n.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    throw new UsageException(name(field) + "[" + JSON.getNodeFactory().textNode(e.getKey()) + "] is not a string");
                }
                out.put(e.getKey(), e.getValue().asText());
            });
            return Collections.unmodifiableMap(out);
        }

        /** An array of strings. */
        List<String> list(String field) {
            JsonNode n = required(field, node(field).isArray(), "a list");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) {
                    throw new UsageException(name(field) + "[" + i + "] is not a string");
                }
                out.add(n.get(i).asText());
            }
            return List.copyOf(out);
        }

        private static String abbreviated(JsonNode n) {
            String s = n.toString();
            return s.length() > 40 ? s.substring(0, 40) + "..." : s;
        }
    }
}

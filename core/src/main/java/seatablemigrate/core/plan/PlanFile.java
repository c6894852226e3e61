package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import seatablemigrate.core.UsageException;
import seatablemigrate.core.inspect.ComposePreference;
import seatablemigrate.core.model.Edition;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.spi.ComposeCli;
import seatablemigrate.core.spi.FileChange;
import seatablemigrate.core.spi.HostBackend;

/**
 * A reviewed plan ({@code plan --out FILE}, {@code migrate --plan FILE}): the plan as {@link PlanJson} shows it, plus
 * what was observed (fingerprints of {@code .env}, the license, the compose files and the images) and the run's
 * identity (its folder, which the run log and the audit script name too). A run that follows it re-plans and refuses
 * when anything differs: a fingerprint, a step's shell form, the run folder already existing.
 *
 * @param json the file's content
 */
public record PlanFile(ObjectNode json) {
    /** Bumped on an incompatible change of the file. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public PlanFile {
        requireNonNull(json, "json is null");
    }

    /** The plan file for {@code plan}, observed on {@code host}. */
    public static PlanFile of(MigrationPlan plan, HostBackend host, String toolVersion) {
        return of(plan, fingerprints(plan, host), host.describe(), toolVersion);
    }

    /** The plan file for {@code plan}, with the {@link #fingerprints} already taken on the host named {@code host}. */
    public static PlanFile of(MigrationPlan plan, Map<String, String> fingerprints, String host, String toolVersion) {
        ObjectNode root = PlanJson.plan(plan);
        root.put("planFormat", FORMAT);
        root.put("tool", toolVersion);
        root.put("host", host);
        root.put("fullRestart", plan.request().fullRestart());
        ObjectNode prints = root.putObject("fingerprints");
        fingerprints.forEach(prints::put);
        // The steps as a run compares them, written by the same rule that reads the fresh plan's.
        stepForms(plan.steps()).forEach(root.putArray("comparedSteps")::add);
        stepForms(plan.rollback()).forEach(root.putArray("comparedRollback")::add);
        return new PlanFile(root);
    }

    public static PlanFile parse(byte[] bytes, Path from) {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (!(n instanceof ObjectNode o) || o.path("planFormat").asInt() != FORMAT || !o.has("runDir") || !o.has("request")
                    || !o.has("comparedSteps") || !o.has("comparedRollback")) {
                throw new UsageException(from + " is not a seatable-migrate plan file (format " + FORMAT + ")");
            }
            if (o.path("refused").asBoolean() || o.path("nothingToDo").asBoolean()) {
                throw new UsageException(from + " holds a plan with nothing to carry out (refused or nothing to do)");
            }
            return new PlanFile(o);
        } catch (IOException e) {
            throw new UsageException(from + " cannot be read as a plan file: " + e.getMessage());
        }
    }

    public byte[] bytes() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path runDir() {
        return Path.of(json.path("runDir").asText());
    }

    /** The request the plan was made for; the target version is the one it resolved, so nothing is chosen again. */
    public MigrationRequest request() {
        JsonNode r = json.path("request");
        Edition to = Edition.parse(r.path("to").asText()).orElseThrow(() -> new UsageException("the plan file names no target edition"));
        ComposePreference compose = json.path("current").path("compose").asText().equals(ComposeCli.STANDALONE.spelling())
                ? ComposePreference.STANDALONE : ComposePreference.PLUGIN;
        return MigrationRequest.builder(Path.of(json.path("composeDir").asText()), to).compose(compose)
                .version(Optional.of(json.path("target").path("version").asText()))
                .licenseFile(r.hasNonNull("license") ? Optional.of(Path.of(r.get("license").asText())) : Optional.empty())
                .backup(r.path("backup").asBoolean(true)).backupRoot(Path.of(r.path("backupDir").asText()))
                .healthTimeout(Duration.ofSeconds(r.path("healthTimeoutSeconds").asLong(300)))
                .fullRestart(json.path("fullRestart").asBoolean()).reviewed(this).build();
    }

    /** What differs between this reviewed plan and {@code fresh}, made now on {@code host}; empty when nothing does. */
    public List<String> drift(MigrationPlan fresh, HostBackend host) {
        List<String> out = new ArrayList<>();
        if (host.stat(runDir()).isPresent()) {
            out.add("its run folder " + runDir() + " exists: this plan was carried out already");
        }
        Map<String, String> now = fingerprints(fresh, host);
        JsonNode saved = json.path("fingerprints");
        now.forEach((k, v) -> {
            if (!saved.path(k).asText("").equals(v)) {
                out.add(k + " is now " + v + ", reviewed " + saved.path(k).asText("(none)"));
            }
        });
        saved.fieldNames().forEachRemaining(k -> {
            if (!now.containsKey(k)) {
                out.add(k + " was observed when reviewed and is gone now");
            }
        });
        compare("step", json.path("comparedSteps"), stepForms(fresh.steps()), out);
        compare("rollback step", json.path("comparedRollback"), stepForms(fresh.rollback()), out);
        return List.copyOf(out);
    }

    private static void compare(String what, JsonNode saved, List<String> now, List<String> out) {
        List<String> was = new ArrayList<>();
        saved.forEach(s -> was.add(s.asText()));
        for (int i = 0; i < Math.max(was.size(), now.size()); i++) {
            String a = i < was.size() ? was.get(i) : "(none)";
            String b = i < now.size() ? now.get(i) : "(none)";
            if (!a.equals(b)) {
                out.add(what + " " + (i + 1) + " differs: reviewed '" + first(a) + "', now '" + first(b) + "'");
                return;
            }
        }
    }

    /** Each step as compared: its id and each change's shell form (a manifest's content only by its path: it holds a time). */
    private static List<String> stepForms(List<Step> steps) {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            StringBuilder sb = new StringBuilder(s.id());
            s.changes().forEach(c -> sb.append('\n').append(c instanceof FileChange.WriteFile ? c.describe() : c.shell()));
            out.add(sb.toString());
        }
        return out;
    }

    private static String first(String form) {
        String[] lines = form.split("\n");
        return lines.length > 1 ? lines[0] + ": " + lines[1] : lines[0];
    }

    /** What a reviewed plan relied on: file checksums and image identities, by name. */
    public static Map<String, String> fingerprints(MigrationPlan plan, HostBackend host) {
        Installation i = plan.installation();
        Map<String, String> out = new LinkedHashMap<>();
        // Read from the host as it is now (not from what the inspection parsed): the bytes a run would act on.
        out.put(".env sha256", host.sha256(i.envPath()).map(s -> s.hex()).orElse("missing"));
        out.put("license sha256", host.sha256(i.licensePath()).map(s -> s.hex()).orElse("no file"));
        for (Path f : i.composeFiles()) {
            out.put(f.getFileName() + " sha256", host.sha256(f).map(s -> s.hex()).orElse("missing"));
        }
        out.put("running image ID", i.seatable().map(c -> c.imageId()).orElse("not running"));
        plan.target().ifPresent(t -> out.put("target image", t.image() + t.imageId().map(id -> " " + id).orElse(" (to be pulled)")));
        plan.request().licenseFile().ifPresent(f -> out.put("offered license sha256", host.sha256(f).map(s -> s.hex()).orElse("missing")));
        return out;
    }
}

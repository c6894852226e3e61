package seatablemigrate.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import seatablemigrate.core.model.ContainerState;
import seatablemigrate.core.model.Installation;
import seatablemigrate.core.spi.Change;

/**
 * The plan as JSON ({@code plan --json}): the same plan that is printed, run and rendered as a script. Built
 * field by field so that nothing from {@code .env} but the image can end up in it.
 */
public final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanJson() {}

    public static String render(MigrationPlan plan) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan(plan));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plan as a JSON tree. */
    public static ObjectNode plan(MigrationPlan plan) {
        ObjectNode root = JSON.createObjectNode();
        Installation i = plan.installation();
        root.put("composeDir", i.composeDir().toString());
        root.put("offline", plan.request().offline());
        // Offline, what was read and for which host: nothing of the host itself was observed.
        plan.request().offlineCopy().ifPresent(copy -> {
            ObjectNode from = root.putObject("copy").put("dir", copy.dir().toString());
            copy.host().ifPresent(h -> from.put("host", h));
            copy.seatableConf().ifPresent(c -> from.put("seatableConf", c.toString()));
            from.put("plannedFor", copy.plannedFor(i.composeDir())).put("describe", copy.describe(i.composeDir()));
        });
        root.set("current", installation(i));
        return addPlanFields(root, plan);
    }

    /** What was observed about an installation, without any value from {@code .env} but the image. */
    public static ObjectNode installation(Installation i) {
        ObjectNode current = JSON.createObjectNode();
        current.put("composeDir", i.composeDir().toString());
        i.state().edition().ifPresent(e -> current.put("edition", e.id()));
        i.state().version().ifPresent(v -> current.put("version", v.toString()));
        i.configuredImage().ifPresent(img -> current.put("image", img.toString()));
        i.composeCli().ifPresent(c -> current.put("compose", c.spelling()));
        current.put("license", i.license().summary());
        strings(current.putArray("evidence"), i.state().evidence());
        strings(current.putArray("conflicts"), i.state().conflicts());
        strings(current.putArray("problems"), i.problems());
        ArrayNode containers = current.putArray("containers");
        for (ContainerState c : i.containers()) {
            containers.addObject().put("name", c.name()).put("image", c.image()).put("condition", c.condition());
        }
        i.database().ifPresent(d -> {
            ObjectNode db = current.putObject("database");
            db.put("container", d.container().name());
            strings(db.putArray("databases"), d.databases());
            d.users().count().ifPresent(n -> db.put("activeUsers", n));
            d.users().unreadable().ifPresent(why -> db.put("activeUsersNotCounted", why));
        });
        return current;
    }

    private static ObjectNode addPlanFields(ObjectNode root, MigrationPlan plan) {
        ObjectNode request = root.putObject("request");
        request.put("intent", plan.request().intent().id());
        request.put("to", plan.request().target().id());
        plan.request().version().ifPresent(v -> request.put("version", v));
        plan.request().licenseFile().ifPresent(f -> request.put("license", f.toString()));
        request.put("backup", plan.request().backup());
        request.put("backupDir", plan.request().backupRoot().toString());
        request.put("healthTimeoutSeconds", plan.request().healthTimeout().toSeconds());
        request.put("pinDigest", plan.request().pinDigest());
        plan.request().releaseFiles().ifPresent(r -> request.put("releaseFiles", r.root().toString()));
        if (plan.request().viaUpgrade()) {
            request.put("viaUpgrade", true);
        }
        plan.target().ifPresent(t -> {
            ObjectNode target = root.putObject("target");
            target.put("edition", t.edition().id());
            target.put("version", t.version().toString());
            target.put("image", t.image().toString());
            t.imageId().ifPresent(id -> target.put("imageId", id));
            target.put("reason", t.choice().reason());
            ArrayNode available = target.putArray("available");
            t.choice().available().forEach(v -> available.add(v.toString()));
            target.put("registry", t.lookup().kind().name().toLowerCase(Locale.ROOT));
            t.lookup().digest().ifPresent(d -> target.put("digest", d));
        });
        ArrayNode checks = root.putArray("checks");
        for (CheckResult c : plan.checks()) {
            ObjectNode n = checks.addObject().put("name", c.name()).put("status", c.status().word())
                    .put("message", c.message());
            c.shellGuard().ifPresent(g -> n.put("guard", g));
        }
        root.put("refused", plan.refused());
        root.put("nothingToDo", plan.nothingToDo());
        root.put("runDir", plan.runDir().toString());
        steps(root.putArray("steps"), plan.steps());
        steps(root.putArray("rollback"), plan.rollback());
        return root;
    }

    private static void steps(ArrayNode out, List<Step> steps) {
        for (Step s : steps) {
            ObjectNode n = out.addObject().put("id", s.id()).put("title", s.title()).put("changesStack", s.changesStack());
            ArrayNode changes = n.putArray("changes");
            for (Change c : s.changes()) {
                changes.addObject().put("type", c.getClass().getSimpleName()).put("description", c.describe()).put("shell", c.shell());
            }
            s.verification().ifPresent(v -> n.put("verification", v.shellCall()));
        }
    }

    private static void strings(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }
}

package seatablemigrate.core.audit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.MigrationPlan;

/**
 * The verdict a change board reads first: READY, READY WITH N CHECKS DEFERRED TO THE HOST, REFUSED, or NOTHING TO DO,
 * with the reason in one sentence. Decided from the plan's checks only, as {@code plan} decides its exit code.
 *
 * @param verdict what the plan comes to
 * @param title   the verdict in capitals, as the banner shows it
 * @param reason  one sentence
 */
public record ReportBanner(Verdict verdict, String title, String reason) {
    /** The plan's verdict; its name in lower case is the banner's style in HTML. */
    public enum Verdict { READY, DEFERRED, REFUSED, NOTHING_TO_DO }

    public ReportBanner {
        requireNonNull(verdict, "verdict is null");
        requireNonNull(title, "title is null");
        requireNonNull(reason, "reason is null");
    }

    public static ReportBanner of(MigrationPlan plan) {
        // In the order plan and migrate decide it (workflow.PlannedStop): nothing to do first, then a refusal.
        if (plan.nothingToDo()) {
            return new ReportBanner(Verdict.NOTHING_TO_DO, "NOTHING TO DO", "SeaTable already runs the " + plan.request().target().displayName()
                    + plan.installation().state().version().map(v -> " " + v).orElse("") + (plan.request().upgrade()
                    ? plan.target().map(t -> " (" + t.choice().reason() + ")").orElse("") : "") + ": nothing would change.");
        }
        List<String> failed = names(plan, CheckResult.Status.FAIL);
        if (!failed.isEmpty()) {
            return new ReportBanner(Verdict.REFUSED, "REFUSED", "Nothing would change: " + (failed.size() == 1 ? "the check " : "the checks ")
                    + and(failed) + (failed.size() == 1 ? " fails" : " fail") + " (see the pre-flight checks).");
        }
        List<String> deferred = names(plan, CheckResult.Status.DEFERRED);
        if (!deferred.isEmpty()) {
            String checks = deferred.size() == 1 ? "CHECK" : "CHECKS";
            return new ReportBanner(Verdict.DEFERRED, "READY WITH " + deferred.size() + " " + checks + " DEFERRED TO THE HOST", plan.request().offline()
                    ? "Planned offline from a copy: the audit script checks " + and(deferred) + " on the host before its first change, and stops"
                    + " there if one fails."
                    : "Ready, but " + and(deferred) + (deferred.size() == 1 ? " was" : " were") + " not observed when planning; each says below"
                    + " what decides it on the host.");
        }
        List<String> warned = names(plan, CheckResult.Status.WARN);
        return new ReportBanner(Verdict.READY, "READY", warned.isEmpty() ? "All " + plan.checks().size() + " checks pass."
                : "No check fails; " + (warned.size() == 1 ? "one warns (" + and(warned) + "): read it" : warned.size() + " warn ("
                + and(warned) + "): read them") + " before approving.");
    }

    private static List<String> names(MigrationPlan plan, CheckResult.Status status) {
        return plan.checks().stream().filter(c -> c.status() == status).map(CheckResult::name).toList();
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}

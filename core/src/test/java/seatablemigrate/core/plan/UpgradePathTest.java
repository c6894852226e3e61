package seatablemigrate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.SeaTableVersion;

/** SeaTable's upgrade rules as data: which lines a jump crosses, which jumps are refused and why, which release is chosen. */
class UpgradePathTest {
    private static SeaTableVersion v(String text) {
        return SeaTableVersion.parse(text).orElseThrow();
    }

    @Test
    void aJumpListsEveryLineCrossedAndTheirNotices() {
        UpgradePath.Route r = UpgradePath.route(v("5.3.4"), v("6.1.0"));
        assertThat(r.crossed()).extracting(UpgradePath.ReleaseLine::name).containsExactly("6.0", "6.1");
        assertThat(r.refusal()).isEmpty();
        assertThat(r.notices()).hasSize(2).anySatisfy(n -> assertThat(n).startsWith("6.1: ").contains("ENABLE_PYTHON_SCRIPT=true"));
        assertThat(r.describe()).isEqualTo("5.3.4 -> 6.1.0 (crossing 6.0, 6.1)");
        assertThat(UpgradePath.route(v("6.0.3"), v("6.0.10")).describe()).isEqualTo("6.0.3 -> 6.0.10 (within 6.0)");
    }

    @Test
    void aLineWithAManualStepRefusesNamingTheStepAndWhereItIsDocumented() {
        UpgradePath.Route r = UpgradePath.route(v("5.1.9"), v("6.0.3"));
        assertThat(r.crossed()).extracting(UpgradePath.ReleaseLine::name).containsExactly("5.2", "5.3", "6.0");
        assertThat(r.refusal()).hasValueSatisfying(why -> assertThat(why).contains("crossing 5.2: Memcached is removed")
                .contains("crossing 5.3: run the release's migrate/migrate_5.2_5.3.sh").contains(UpgradePath.NOTICES));
        assertThat(UpgradePath.route(v("6.1.0"), v("6.2.0")).refusal()).hasValueSatisfying(why -> assertThat(why)
                .contains("migrate_6.1_6.2.sh").contains("SECRET_KEY"));
    }

    @Test
    void beforeFourThreeTheDatabaseUpgradeIsManualAndAnUnknownLineIsNotGuessed() {
        assertThat(UpgradePath.route(v("4.2.9"), v("4.4.9")).refusal()).hasValueSatisfying(why -> assertThat(why)
                .contains("older than 4.3").contains("upgrade-sql").contains(UpgradePath.MANUAL_BEFORE_4_3));
        assertThat(UpgradePath.route(v("5.3.4"), v("5.4.2")).refusal()).hasValueSatisfying(why -> assertThat(why)
                .contains("5.4 is a release line this version of the tool knows no upgrade facts for").contains("4.3 to 6.2"));
        assertThat(UpgradePath.route(v("6.2.0"), v("7.0.0")).refusal()).isPresent();
        assertThat(UpgradePath.route(v("6.2.0"), v("7.0.0")).shortRefusal()).contains("its line 7.0 is unknown to this version of the tool");
        assertThat(UpgradePath.route(v("5.1.9"), v("6.0.3")).shortRefusal()).contains("crossing 5.2, 5.3 needs a manual step");
        assertThat(UpgradePath.route(v("4.2.9"), v("4.4.9")).shortRefusal()).contains("4.2.9 is older than 4.3");
        assertThat(UpgradePath.route(v("5.3.4"), v("6.1.0")).shortRefusal()).isEmpty();
    }

    @Test
    void theNewestAllowedReleaseSkipsRefusedAndUnknownOnes() {
        List<SeaTableVersion> tags = List.of(v("5.3.0"), v("5.4.2"), v("6.0.3"), v("6.1.0"), v("6.2.0"), v("6.1.0"));
        assertThat(UpgradePath.newestAllowed(v("5.3.4"), tags)).contains(v("6.1.0"));
        assertThat(UpgradePath.newestAllowed(v("6.1.0"), tags)).isEmpty();
        assertThat(UpgradePath.newestAllowed(v("6.2.0"), tags)).isEmpty();
    }

    /** For any pair, the refusal is exactly: too old to migrate itself, an unknown target line, or a manual line crossed. */
    @Test
    void everyJumpIsRefusedExactlyWhenTheRulesSaySo() {
        Random random = new Random(25);
        for (int n = 0; n < 20_000; n++) {
            SeaTableVersion from = new SeaTableVersion(3 + random.nextInt(5), random.nextInt(6), random.nextInt(12));
            SeaTableVersion to = new SeaTableVersion(3 + random.nextInt(5), random.nextInt(6), random.nextInt(12));
            if (to.compareTo(from) <= 0) {
                continue;
            }
            UpgradePath.Route r = UpgradePath.route(from, to);
            boolean known = UpgradePath.LINES.stream().anyMatch(l -> l.major() == to.major() && l.minor() == to.minor());
            boolean manual = r.crossed().stream().anyMatch(l -> l.kind() == UpgradePath.Kind.MANUAL);
            boolean expected = from.compareTo(UpgradePath.AUTOMATIC_FROM) < 0 || !known || manual;
            assertThat(r.refusal().isPresent()).as(r.describe()).isEqualTo(expected);
            assertThat(r.crossed()).as(r.describe()).allSatisfy(l -> {
                SeaTableVersion line = new SeaTableVersion(l.major(), l.minor(), 0);
                assertThat(line.compareTo(new SeaTableVersion(from.major(), from.minor(), 0))).isPositive();
                assertThat(line.compareTo(new SeaTableVersion(to.major(), to.minor(), 0))).isNotPositive();
            });
        }
    }
}

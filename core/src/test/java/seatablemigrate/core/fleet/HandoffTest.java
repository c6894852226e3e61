package seatablemigrate.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandoffTest {
    @Test
    void fileNamesAreSafeAndUniqueWhateverTheInventorySays() {
        Random random = new Random(13);
        String alphabet = "aB3._-/\\ $`'\"\n\0..~*?é";
        for (int round = 0; round < 300; round++) {
            List<FleetHost> hosts = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                StringBuilder name = new StringBuilder();
                for (int k = 0; k < 1 + random.nextInt(12); k++) {
                    name.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                if (!name.toString().isBlank() && seen.add(name.toString())) {
                    hosts.add(new FleetHost(name.toString(), Map.of(), List.of()));
                }
            }
            Handoff handoff = new Handoff(hosts);
            Set<String> names = new HashSet<>();
            for (FleetHost h : hosts) {
                String f = handoff.fileName(h);
                assertThat(f).as(h.name()).matches("[A-Za-z0-9_][A-Za-z0-9._-]*");
                assertThat(names.add(f.toLowerCase(java.util.Locale.ROOT))).as("unique: " + f).isTrue();
            }
        }
    }

    @Test
    void theInventoryReadsBackAsTheHostsTheToolResolved() {
        Map<String, String> odd = new LinkedHashMap<>();
        odd.put("ansible_host", "10.0.0.1");
        odd.put("ansible_port", "2222");
        odd.put("ansible_user", "o'brien");
        odd.put("ansible_ssh_private_key_file", "/keys/a key");
        odd.put("ansible_become", "yes");
        List<FleetHost> hosts = List.of(new FleetHost("web 1", odd, List.of("web")), new FleetHost("root@10.0.0.2", Map.of("ansible_host", "10.0.0.2",
                "ansible_user", "root"), List.of()));
        Handoff handoff = new Handoff(hosts);
        Inventory back = InventoryFiles.parse(handoff.inventory("written by a test\nrun x", Optional.of(java.nio.file.Path.of("/k/known hosts")), Optional.empty()), "inventory");
        assertThat(back.hosts()).extracting(FleetHost::name).containsExactly("web_1", "root_10.0.0.2");
        FleetHost web = back.hosts().get(0);
        assertThat(web.target()).isEqualTo("ssh://o'brien@10.0.0.1:2222");
        assertThat(web.identity()).contains(java.nio.file.Path.of("/keys/a key"));
        assertThat(web.become()).isTrue();
        assertThat(web.vars()).containsEntry("seatable_migrate_host", "web 1")
                .containsEntry("ansible_ssh_common_args", "-o UserKnownHostsFile='/k/known hosts'");
        assertThat(back.hosts().get(1).target()).isEqualTo("ssh://root@10.0.0.2");
    }

    @Test
    void theInventoryConnectsToTheMachineTheToolInspected() {
        // seatable_target wins over the connection variables for the dry-run, so it must for the playbook too.
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("seatable_target", "ssh://deploy@10.0.0.9:2222");
        vars.put("ansible_host", "10.6.6.6");
        vars.put("ansible_user", "root");
        FleetHost web = new FleetHost("web1", vars, List.of());
        FleetHost alias = new FleetHost("db", Map.of("seatable_target", "db-alias"), List.of());
        FleetHost plain = new FleetHost("admin@[fd00::7]:2200", Map.of("seatable_target", "admin@[fd00::7]:2200"), List.of());
        FleetHost local = new FleetHost("here", Map.of("seatable_target", "local", "ansible_host", "10.6.6.6"), List.of());
        Inventory back = InventoryFiles.parse(new Handoff(List.of(web, alias, plain, local)).inventory("generated", Optional.empty(), Optional.empty()), "inventory");
        assertThat(back.hosts().get(0).vars()).containsEntry("ansible_host", "10.0.0.9").containsEntry("ansible_user", "deploy")
                .containsEntry("ansible_port", "2222");
        assertThat(back.hosts().get(0).target()).isEqualTo("ssh://deploy@10.0.0.9:2222");
        assertThat(back.hosts().get(1).vars()).containsEntry("ansible_host", "db-alias").doesNotContainKeys("ansible_user", "ansible_port");
        // An alias resolves through the ssh_config the tool read.
        assertThat(new Handoff(List.of(alias)).inventory("generated", Optional.of(java.nio.file.Path.of("/k/known_hosts")),
                Optional.of(java.nio.file.Path.of("/k/ssh config")))).contains(" ansible_ssh_common_args='-F '\"'\"'/k/ssh config'\"'\"' -o UserKnownHostsFile=/k/known_hosts'");
        assertThat(back.hosts().get(2).target()).isEqualTo("ssh://admin@[fd00::7]:2200");
        assertThat(back.hosts().get(3).vars()).containsEntry("ansible_connection", "local").doesNotContainKey("ansible_host");
    }

    @Test
    void whateverTheVariablesSayTheInventoryReachesTheTargetTheToolUsed() {
        Random random = new Random(41);
        List<String> hosts = List.of("10.0.0.1", "db1.example", "fd00::7", "alias");
        for (int round = 0; round < 300; round++) {
            Map<String, String> vars = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                vars.put("ansible_host", hosts.get(random.nextInt(hosts.size())));
            }
            if (random.nextBoolean()) {
                vars.put("ansible_user", random.nextBoolean() ? "root" : "o'brien");
            }
            if (random.nextBoolean()) {
                vars.put("ansible_port", Integer.toString(1 + random.nextInt(65535)));
            }
            if (random.nextBoolean()) {
                String host = hosts.get(random.nextInt(hosts.size()));
                vars.put("seatable_target", (random.nextBoolean() ? "ssh://" : "") + (random.nextBoolean() ? "deploy@" : "")
                        + (host.contains(":") ? "[" + host + "]" : host) + (random.nextBoolean() ? ":" + (1 + random.nextInt(65535)) : ""));
            }
            FleetHost host = new FleetHost("h" + round, vars, List.of());
            FleetHost read = InventoryFiles.parse(new Handoff(List.of(host)).inventory("generated", Optional.empty(), Optional.empty()), "inventory").hosts().get(0);
            assertThat(read.target()).as(vars.toString()).isEqualTo(Inventory.fromTarget(host.target()).target());
        }
    }

    @Test
    void aTargetAnsibleCannotReachIsNotHandedOff() {
        FleetHost stub = new FleetHost("stub://h1", Map.of("seatable_target", "stub://h1"), List.of());
        assertThat(Handoff.reachable(stub)).isFalse();
        assertThat(Handoff.reachable(new FleetHost("h2", Map.of(), List.of()))).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Handoff(List.of(stub)).inventory("generated", Optional.empty(), Optional.empty()))
                .isInstanceOf(seatablemigrate.core.UsageException.class).hasMessageContaining("stub://h1");
    }

    @Test
    void anyConnectionValueReadsBackAsWritten() {
        Random random = new Random(29);
        String alphabet = "aZ09 ._-/@:'\"\\#;=$`!*?~,%\té";
        for (int round = 0; round < 500; round++) {
            StringBuilder v = new StringBuilder();
            for (int k = 0; k < 1 + random.nextInt(10); k++) {
                v.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = v.toString();
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("ansible_host", "10.0.0.1");
            vars.put("ansible_user", value);
            vars.put("ansible_ssh_private_key_file", "/keys/" + value);
            FleetHost host = new FleetHost("h" + value, vars, List.of());
            Inventory back = InventoryFiles.parse(new Handoff(List.of(host)).inventory("generated", Optional.empty(), Optional.empty()), "inventory");
            FleetHost read = back.hosts().get(0);
            assertThat(read.vars()).as("value %s", value).containsEntry("ansible_user", value)
                    // a key file is a path: written as Path normalises it (a trailing slash goes), the same file
                    .containsEntry("ansible_ssh_private_key_file", java.nio.file.Path.of("/keys/" + value).toString())
                    .containsEntry("seatable_migrate_host", "h" + value);
        }
    }

    @Test
    void aLineBreakInAValueCannotAddALineToTheInventory() {
        FleetHost host = new FleetHost("h1", Map.of("ansible_host", "10.0.0.1", "ansible_user", "root\nevil ansible_host=10.6.6.6"), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Handoff(List.of(host)).inventory("generated", Optional.empty(), Optional.empty()))
                .isInstanceOf(seatablemigrate.core.UsageException.class).hasMessage("host h1: ansible_user holds a line break or NUL, which the"
                        + " generated inventory cannot carry");
    }

    @Test
    void aPartOfTheFleetKeepsTheFileNamesOfTheWholeFleet() {
        FleetHost first = new FleetHost("web 1", Map.of("ansible_host", "10.0.0.1"), List.of());
        FleetHost second = new FleetHost("web_1", Map.of("ansible_host", "10.0.0.2"), List.of());
        Handoff all = new Handoff(List.of(first, second));
        assertThat(all.fileName(second)).isEqualTo("web_1_2");
        // Only the second host's dry-run wrote its script (web_1_2.sh): its inventory entry must name that script.
        Handoff ready = all.only(List.of(second));
        assertThat(ready.fileName(second)).isEqualTo("web_1_2");
        assertThat(ready.inventory("h", Optional.empty(), Optional.empty())).contains("\nweb_1_2 ansible_host=10.0.0.2 ").doesNotContain("\nweb_1 ");
        assertThat(ready.hosts()).containsExactly(second);
    }

    @Test
    void thePlaybookRunsEachHostsScriptInTheFleetsBatches() {
        Handoff handoff = new Handoff(List.of(new FleetHost("h1", Map.of(), List.of()), new FleetHost("h2", Map.of(), List.of())));
        String playbook = handoff.playbook("seatable-migrate 0.1.0", "Switch to the \"Developer\" Edition", Batches.parse("1,100%"), Optional.of(1), 5);
        assertThat(playbook).contains("- name: \"Switch to the \\\"Developer\\\" Edition\"\n  hosts: seatable_migrate\n  gather_facts: false\n")
                .contains("  serial: [1, \"100%\"]\n").contains("  max_fail_percentage: 0\n")
                .contains("ansible.builtin.script:\n        cmd: \"{{ playbook_dir }}/{{ inventory_hostname }}.sh\"")
                .contains("--forks 5").startsWith("# seatable-migrate 0.1.0\n");
        assertThat(Handoff.maxFailPercentage(Optional.of(3), Batches.ALL, 10)).contains(20);
        assertThat(Handoff.maxFailPercentage(Optional.of(11), Batches.ALL, 10)).isEmpty();
    }
}

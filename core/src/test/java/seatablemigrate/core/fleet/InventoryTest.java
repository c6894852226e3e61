package seatablemigrate.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.UsageException;

class InventoryTest {
    /** The INI form of {@link #YAML}; what ansible-inventory --list prints for both is in InventoryAgreementIT. */
    static final String INI = """
            solo ansible_host=10.0.0.9
            [web]
            w2 ansible_host=10.0.0.2
            w1 ansible_host=10.0.0.1 ansible_port=2222 seatable_compose_dir='/srv/a b'  # a comment
            [db]
            d1
            w1
            [prod:children]
            web
            db
            [prod:vars]
            seatable_backup_dir=/var/backups/x
            ansible_user=admin
            [web:vars]
            ansible_user=webadmin
            [all:vars]
            ansible_become=yes
            """;

    static final String YAML = """
            all:
              vars:
                ansible_become: yes
              hosts:
                solo:
                  ansible_host: 10.0.0.9
              children:
                prod:
                  vars:
                    seatable_backup_dir: /var/backups/x
                    ansible_user: admin
                  children:
                    web:
                      vars:
                        ansible_user: webadmin
                      hosts:
                        w2:
                          ansible_host: 10.0.0.2
                        w1:
                          ansible_host: 10.0.0.1
                          ansible_port: 2222
                          seatable_compose_dir: /srv/a b
                    db:
                      hosts:
                        d1:
                        w1:
            """;

    @Test
    void iniIsReadAsAnsibleReadsIt() {
        Inventory inv = InventoryFiles.parse(INI, "hosts.ini");
        assertThat(inv.hosts()).extracting(FleetHost::name).containsExactly("solo", "w2", "w1", "d1");
        FleetHost w1 = inv.host("w1").orElseThrow();
        assertThat(w1.vars()).containsEntry("ansible_user", "webadmin").containsEntry("seatable_backup_dir", "/var/backups/x")
                .containsEntry("seatable_compose_dir", "/srv/a b").containsEntry("ansible_become", "yes");
        assertThat(w1.target()).isEqualTo("ssh://webadmin@10.0.0.1:2222");
        assertThat(w1.become()).isTrue();
        assertThat(w1.groups()).containsExactlyInAnyOrder("web", "db", "prod");
        assertThat(inv.host("d1").orElseThrow().target()).isEqualTo("ssh://admin@d1");
        assertThat(inv.host("solo").orElseThrow().vars()).doesNotContainKey("ansible_user");
        assertThat(inv.groups().get("prod")).containsExactly("w2", "w1", "d1");
        assertThat(inv.groups().get("ungrouped")).containsExactly("solo");
    }

    @Test
    void yamlGivesTheSameInventoryAsIni() {
        Inventory yaml = InventoryFiles.parse(YAML, "hosts.yml");
        Inventory ini = InventoryFiles.parse(INI, "hosts.ini");
        assertThat(yaml.hosts()).extracting(FleetHost::name).containsExactly("solo", "w2", "w1", "d1");
        for (FleetHost h : ini.hosts()) {
            FleetHost y = yaml.host(h.name()).orElseThrow();
            // YAML's "yes" is a boolean (true), INI's a string: Ansible prints them so too; both mean become.
            assertThat(y.become()).isEqualTo(h.become());
            assertThat(without(y.vars(), "ansible_become")).as(h.name()).isEqualTo(without(h.vars(), "ansible_become"));
        }
    }

    private static Map<String, String> without(Map<String, String> m, String key) {
        Map<String, String> copy = new java.util.HashMap<>(m);
        copy.remove(key);
        return copy;
    }

    @Test
    void limitSelectsAsAnsibleDoes() {
        Inventory inv = InventoryFiles.parse(INI, "hosts.ini");
        assertThat(names(inv.select("all"))).containsExactly("solo", "w2", "w1", "d1");
        assertThat(names(inv.select("web"))).containsExactly("w2", "w1");
        assertThat(names(inv.select("web:&db"))).containsExactly("w1");
        assertThat(names(inv.select("prod,!db"))).containsExactly("w2");
        assertThat(names(inv.select("!web"))).containsExactly("solo", "d1");
        assertThat(names(inv.select("w*"))).containsExactly("w2", "w1");
        assertThat(names(inv.select("~(s|d)"))).as("a regular expression matches groups too (db)").containsExactly("solo", "w1", "d1");
        assertThat(names(inv.select("~(so|d1)"))).containsExactly("solo", "d1");
        assertThat(names(inv.select("d1,solo"))).as("inventory order, not pattern order").containsExactly("solo", "d1");
        assertThatThrownBy(() -> inv.select("nosuch")).isInstanceOf(UsageException.class).hasMessageContaining("selects no host")
                .hasMessageContaining("groups: ungrouped, web, db, prod, all");
        assertThatThrownBy(() -> inv.select("~(")).isInstanceOf(UsageException.class).hasMessageContaining("not a regular expression");
    }

    @Test
    void aTargetListIsOneHostPerTarget() {
        String list = "# customers\nroot@10.0.0.1\nssh://admin@[fd00::2]:2222\nlocal\n";
        assertThat(InventoryFiles.isTargetList(list)).isTrue();
        Inventory inv = InventoryFiles.parse(list, "hosts.txt");
        assertThat(inv.hosts()).extracting(FleetHost::target).containsExactly("ssh://root@10.0.0.1", "ssh://admin@[fd00::2]:2222", "local");
        assertThat(inv.hosts()).extracting(FleetHost::name).containsExactly("root@10.0.0.1", "ssh://admin@[fd00::2]:2222", "local");
        assertThat(InventoryFiles.isTargetList("h1\nh2\n")).as("bare names are an INI inventory").isFalse();
    }

    @Test
    void badInventoriesAreUsageErrorsThatSayWhere() {
        assertThatThrownBy(() -> InventoryFiles.parse("[web\nh1\n", "x.ini")).isInstanceOf(UsageException.class).hasMessageContaining("x.ini line 1");
        assertThatThrownBy(() -> InventoryFiles.parse("[web:foo]\n", "x.ini")).hasMessageContaining("[group:vars]");
        assertThatThrownBy(() -> InventoryFiles.parse("h1 port\n", "x.ini")).hasMessageContaining("'port' is not name=value");
        assertThatThrownBy(() -> InventoryFiles.parse("web[1:3]\n", "x.ini")).hasMessageContaining("need Ansible");
        assertThatThrownBy(() -> InventoryFiles.parse("h1 a='b\n", "x.ini")).hasMessageContaining("quote is not closed");
        assertThatThrownBy(() -> InventoryFiles.parse("all: [1, 2\n", "x.yml")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> new FleetHost("h", Map.of("ansible_port", "ssh"), List.of()).target()).hasMessageContaining("not a port");
    }

    private static List<String> names(List<FleetHost> hosts) {
        return hosts.stream().map(FleetHost::name).toList();
    }
}

package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import seatablemigrate.core.fleet.FleetHost;
import seatablemigrate.core.fleet.Inventory;
import seatablemigrate.core.fleet.InventoryFiles;

/**
 * Our INI/YAML reader (the fallback without Ansible) agrees with Ansible itself on the test inventories: the same hosts
 * in the same order, the same variables as Ansible merges them, the same groups; and {@code --limit} selects what
 * Ansible's {@code --limit} selects. Ansible (ansible-core) is installed by the test environment.
 */
class InventoryAgreementIT {
    private static final String INI = """
            # customers, the way a service provider keeps them
            solo ansible_host=10.0.0.9
            [web]
            w2 ansible_host=10.0.0.2 seatable_license="/etc/lic/w2 license.txt"
            w1 ansible_host=10.0.0.1 ansible_port=2222 seatable_compose_dir='/srv/a b'  # a comment
            [db]
            d1 ansible_user="o'brien"
            w1
            [eu:children]
            web
            [prod:children]
            eu
            db
            [prod:vars]
            seatable_backup_dir=/var/backups/x
            ansible_user=admin
            [eu:vars]
            ansible_user=eu-admin
            [web:vars]
            ansible_user=webadmin
            [all:vars]
            ansible_become=true
            """;

    private static final String YAML = """
            all:
              vars:
                ansible_become: true
              hosts:
                solo:
                  ansible_host: 10.0.0.9
              children:
                prod:
                  vars:
                    seatable_backup_dir: /var/backups/x
                    ansible_user: admin
                  children:
                    eu:
                      vars:
                        ansible_user: eu-admin
                      children:
                        web:
                          vars:
                            ansible_user: webadmin
                          hosts:
                            w2:
                              ansible_host: 10.0.0.2
                              seatable_license: /etc/lic/w2 license.txt
                            w1:
                              ansible_host: 10.0.0.1
                              ansible_port: 2222
                              seatable_compose_dir: /srv/a b
                    db:
                      hosts:
                        d1:
                          ansible_user: "o'brien"
                        w1:
            """;

    @Test
    void ourReaderAgreesWithAnsibleOnIniAndYaml(@TempDir Path dir) throws Exception {
        assertThat(InventorySource.ansibleInstalled()).as("the test environment installs ansible-core").isTrue();
        for (var file : List.of(write(dir, "hosts.ini", INI), write(dir, "hosts.yml", YAML))) {
            Inventory ansible = InventorySource.read(file.toString());
            Inventory ours = InventoryFiles.parse(Files.readString(file), file.toString());
            assertThat(ours.hosts()).extracting(FleetHost::name).as(file.toString()).containsExactlyElementsOf(
                    ansible.hosts().stream().map(FleetHost::name).toList()).containsExactly("solo", "w2", "w1", "d1");
            for (FleetHost h : ansible.hosts()) {
                FleetHost o = ours.host(h.name()).orElseThrow();
                assertThat(o.vars()).as(file + " " + h.name()).isEqualTo(h.vars());
                assertThat(o.target()).isEqualTo(h.target());
                assertThat(o.groups()).containsExactlyInAnyOrderElementsOf(h.groups());
            }
            assertThat(ours.groups()).isEqualTo(ansible.groups());
            assertThat(ansible.host("w1").orElseThrow().target()).isEqualTo("ssh://webadmin@10.0.0.1:2222");
            assertThat(ansible.host("d1").orElseThrow().target()).isEqualTo("ssh://o'brien@d1");
        }
    }

    @Test
    void limitSelectsWhatAnsibleSelects(@TempDir Path dir) throws Exception {
        Path file = write(dir, "hosts.ini", INI);
        Inventory inventory = InventoryFiles.parse(INI, "hosts.ini");
        for (String pattern : List.of("all", "web", "prod:!web", "web:&db", "w*", "~(so|d)", "eu,solo", "d1,w2", "!db")) {
            ComposeProject.Docker.Result r = ComposeProject.Docker.run(dir, 60, "ansible", "all", "-i", file.toString(), "--limit", pattern, "--list-hosts");
            assertThat(r.exit()).as(pattern + ": " + r.stderr()).isZero();
            List<String> byAnsible = r.stdout().lines().skip(1).map(String::strip).filter(s -> !s.isEmpty()).toList();
            assertThat(inventory.select(pattern).stream().map(FleetHost::name).toList()).as(pattern).containsExactlyInAnyOrderElementsOf(byAnsible);
        }
    }

    @Test
    void directoriesAndScriptsAreReadThroughAnsible(@TempDir Path dir) throws Exception {
        Path inv = Files.createDirectories(dir.resolve("inventory"));
        // Ansible skips *.ini files inside an inventory directory (inventory_ignore_extensions).
        write(inv, "hosts", "[web]\nw1 ansible_host=10.0.0.1\n");
        write(Files.createDirectories(inv.resolve("group_vars")), "web.yml", "seatable_compose_dir: /srv/seatable\nansible_user: deploy\n");
        FleetHost w1 = InventorySource.read(inv.toString()).host("w1").orElseThrow();
        assertThat(w1.target()).isEqualTo("ssh://deploy@10.0.0.1");
        assertThat(w1.composeDir()).contains(Path.of("/srv/seatable"));

        Path script = write(dir, "customers.sh", """
                #!/bin/sh
                # a dynamic inventory, as a CMDB would answer
                if [ "$1" = --list ]; then
                  echo '{"seatable": {"hosts": ["c1", "c2"]}, "_meta": {"hostvars": {"c1": {"ansible_host": "10.1.0.1"}, "c2": {"ansible_port": 2200}}}}'
                else
                  echo '{}'
                fi
                """);
        script.toFile().setExecutable(true);
        Inventory dynamic = InventorySource.read(script.toString());
        assertThat(dynamic.hosts()).extracting(FleetHost::target).containsExactly("ssh://10.1.0.1", "ssh://c2:2200");
        assertThat(dynamic.select("seatable")).hasSize(2);
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}

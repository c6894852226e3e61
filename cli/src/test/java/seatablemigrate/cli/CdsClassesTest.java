package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every name in {@code cds-classes.txt} names a class the tool's class path has: training passes over a name that does
 * not (a dependency renamed it), and the archive would silently lack it. {@code StartupArchiveIT} checks the other way:
 * that the list names every class a status needs.
 */
class CdsClassesTest {
    @Test
    void everyListedNameIsAClassOfTheClassPath() throws IOException {
        List<String> names = CdsTrainingCommand.listedClasses();
        assertThat(names).hasSizeGreaterThan(100).doesNotHaveDuplicates();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, CdsClassesTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }
        assertThat(missing).as("names in cds-classes.txt that are no class of the class path").isEmpty();
    }
}

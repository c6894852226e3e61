package seatablemigrate.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module picture of docs/design.md, checked where every module's classes are on the classpath: a backend knows core
 * only (never another backend, never the CLI), and core knows no backend and no CLI. Core's own package rules are in
 * core's {@code PackageDependenciesTest}.
 */
class ModuleDependenciesTest {
    private static final JavaClasses ALL = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("seatablemigrate");

    /** The rules below pass vacuously if a module's classes are missing from this classpath: they must all be here. */
    @Test
    void everyModuleIsChecked() {
        assertThat(ALL.stream().map(JavaClass::getPackageName).collect(Collectors.toSet()))
                .contains("seatablemigrate.core", "seatablemigrate.backend.local", "seatablemigrate.backend.ssh",
                        "seatablemigrate.backend.dryrun", "seatablemigrate.cli");
    }

    @Test
    void backendsDoNotKnowEachOther() {
        slices().matching("seatablemigrate.backend.(*)..").as("the backends").should().notDependOnEachOther()
                .because("a backend differs from another only in transport; what they share is core's")
                .check(ALL);
    }

    @Test
    void backendsDoNotKnowTheCli() {
        noClasses().that().resideInAPackage("seatablemigrate.backend..")
                .should().dependOnClassesThat().resideInAPackage("seatablemigrate.cli..")
                .because("the CLI picks a backend by name; a backend never reaches back")
                .check(ALL);
    }

    @Test
    void coreKnowsNoBackendAndNoCli() {
        noClasses().that().resideInAPackage("seatablemigrate.core..")
                .should().dependOnClassesThat().resideInAnyPackage("seatablemigrate.backend..", "seatablemigrate.cli..")
                .check(ALL);
    }
}

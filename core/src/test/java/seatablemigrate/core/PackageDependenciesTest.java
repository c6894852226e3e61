package seatablemigrate.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package picture of docs/design.md, checked: core's packages form a DAG, and core knows no backend, no CLI and no
 * Docker or SSH library (everything about transport lives in a backend). The rules about backends and the CLI live in
 * the cli module, the only one whose test classpath holds them all. A violation lists every offending dependency.
 */
class PackageDependenciesTest {
    private static final JavaClasses CORE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("seatablemigrate.core");

    @Test
    void corePackagesFormADag() {
        slices().matching("seatablemigrate.core.(*)..").as("core's packages").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void coreImportsNoBackendNoCliAndNoTransportLibrary() {
        noClasses().that().resideInAPackage("seatablemigrate.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "seatablemigrate.backend..", "seatablemigrate.cli..",
                        "com.github.dockerjava..", "net.schmizz..", "com.hierynomus..", "com.jcraft..")
                .because("core holds the workflow and the SPI; transports live in the backends")
                .check(CORE);
    }
}

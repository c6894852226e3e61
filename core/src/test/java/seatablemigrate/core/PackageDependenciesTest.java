package seatablemigrate.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package picture of docs/design.md, checked: core's packages form a DAG, and core knows no backend, no CLI and no
 * Docker or SSH library (everything about transport lives in a backend). The rules about backends and the CLI live in
 * the cli module, the only one whose test classpath holds them all. A violation lists every offending dependency.
 */
class PackageDependenciesTest {
    private static final String CORE_PACKAGE = "seatablemigrate.core";
    private static final JavaClasses CORE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE_PACKAGE);

    /**
     * One slice per package directly under core (with what lies beneath it), and core's own package as a slice of its
     * own: the exceptions every package uses must not use any of them back.
     */
    private static final SliceAssignment CORE_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(CORE_PACKAGE)) {
                return SliceIdentifier.of(CORE_PACKAGE);
            }
            if (!name.startsWith(CORE_PACKAGE + ".")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(CORE_PACKAGE + "." + name.substring(CORE_PACKAGE.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "core's packages, " + CORE_PACKAGE + " itself included";
        }
    };

    @Test
    void corePackagesFormADag() {
        slices().assignedFrom(CORE_PACKAGES).should().beFreeOfCycles().check(CORE);
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

package dev.homeostat.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of ARCHITECTURE.md, checked on the compiled classes:
 * detectors ← remediation ←┐ ; simulator ← chaos-experiments ← testbed ; reports ←┘; units below all but
 * reports and detectors, depending on nothing.
 * Above all, the engine never imports the simulator: the engine deployed live is the one scored.
 */
class DependencyDirectionTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.homeostat");
    }

    @Test
    void theEngineNeverImportsTheSimulatorOrTheTestbed() {
        noClasses().that().resideInAPackage("dev.homeostat.remediation..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.homeostat.simulator..", "dev.homeostat.chaos..",
                        "dev.homeostat.reports..", "dev.homeostat.testbed..")
                .check(classes);
    }

    @Test
    void detectorsDependOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.homeostat.detectors..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.homeostat.simulator..", "dev.homeostat.remediation..",
                        "dev.homeostat.chaos..", "dev.homeostat.reports..", "dev.homeostat.testbed..")
                .check(classes);
    }

    @Test
    void simulatorKnowsNothingOfTheEngineOrTheChaosLayer() {
        noClasses().that().resideInAPackage("dev.homeostat.simulator..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.homeostat.detectors..", "dev.homeostat.remediation..",
                        "dev.homeostat.chaos..", "dev.homeostat.reports..", "dev.homeostat.testbed..")
                .check(classes);
    }

    @Test
    void reportsDependOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.homeostat.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.homeostat.simulator..", "dev.homeostat.detectors..",
                        "dev.homeostat.remediation..", "dev.homeostat.chaos..", "dev.homeostat.testbed..")
                .check(classes);
    }

    @Test
    void chaosExperimentsOnlyBuildOnTheSimulator() {
        noClasses().that().resideInAPackage("dev.homeostat.chaos..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.homeostat.detectors..", "dev.homeostat.remediation..",
                        "dev.homeostat.reports..", "dev.homeostat.testbed..")
                .check(classes);
    }

    @Test
    void unitsDependOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.homeostat.units..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.homeostat.simulator..", "dev.homeostat.detectors..",
                        "dev.homeostat.remediation..", "dev.homeostat.chaos..", "dev.homeostat.reports..", "dev.homeostat.testbed..")
                .check(classes);
    }

    @Test
    void nothingBelowTheTestbedDependsOnIt() {
        noClasses().that().resideOutsideOfPackage("dev.homeostat.testbed..")
                .should().dependOnClassesThat().resideInAPackage("dev.homeostat.testbed..")
                .check(classes);
    }
}

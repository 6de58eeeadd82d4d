package io.nurtureflow;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Feature packages stay independent of each other's insides, free of cycles, and free of Camunda. */
class ModularityTest {

    @Test
    void featurePackagesFormAnAcyclicModuleGraph() {
        ApplicationModules.of(NurtureFlowApplication.class).verify();
    }

    @Test
    void onlyTheProcessPackageTouchesCamunda() {
        var production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nurtureflow");
        noClasses().that().resideOutsideOfPackage("io.nurtureflow.process..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .because("the engine API lives in one package, so a move to a maintained fork stays mechanical")
                .check(production);
    }
}

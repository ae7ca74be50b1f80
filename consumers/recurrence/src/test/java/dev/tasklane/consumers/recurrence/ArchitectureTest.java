package dev.tasklane.consumers.recurrence;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Recurrence's layers: planning (pure, core only) and the sync-server client, joined only by the handler. */
@AnalyzeClasses(packages = "dev.tasklane.consumers.recurrence", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.tasklane.consumers.recurrence.(*)..").should().beFreeOfCycles()
            .because("each feature package must read on its own");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Handler").definedBy("dev.tasklane.consumers.recurrence")
            .layer("Occurrence").definedBy("dev.tasklane.consumers.recurrence.occurrence..")
            .layer("Server").definedBy("dev.tasklane.consumers.recurrence.server..")
            .whereLayer("Handler").mayNotBeAccessedByAnyLayer()
            .whereLayer("Occurrence").mayOnlyBeAccessedByLayers("Handler")
            .whereLayer("Server").mayOnlyBeAccessedByLayers("Handler")
            .because("planning the next occurrence is pure and must not know how it is sent");

    @ArchTest
    static final ArchRule planningDoesNoIo = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that().resideInAPackage("dev.tasklane.consumers.recurrence.occurrence..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.sql..", "org.apache.kafka..")
            .because("the same event must always plan the same occurrence");
}

package dev.tasklane.consumers.kit;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The kit's layers: events at the bottom, handling rules above, transports (Kafka, HTTP) above those, wiring on top. */
@AnalyzeClasses(packages = "dev.tasklane.consumers.kit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.tasklane.consumers.kit.(*)..").should().beFreeOfCycles()
            .because("a cycle makes the kit impossible to read one layer at a time");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Wiring").definedBy("dev.tasklane.consumers.kit")
            .layer("Transport").definedBy("dev.tasklane.consumers.kit.kafka..", "dev.tasklane.consumers.kit.http..")
            .layer("Handling").definedBy("dev.tasklane.consumers.kit.handling..")
            .layer("Events").definedBy("dev.tasklane.consumers.kit.event..")
            .layer("Observe").definedBy("dev.tasklane.consumers.kit.observe..")
            .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
            .whereLayer("Transport").mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Handling").mayOnlyBeAccessedByLayers("Wiring", "Transport")
            .whereLayer("Events").mayOnlyBeAccessedByLayers("Wiring", "Transport", "Handling")
            .because("the handling rules are shared by the Kafka loop and the Dapr endpoint, so they must not know either");
}

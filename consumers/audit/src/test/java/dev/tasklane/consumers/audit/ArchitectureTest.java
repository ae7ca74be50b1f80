package dev.tasklane.consumers.audit;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Audit's layers: the log (SQL) at the bottom; ingest (Kafka side) and history (HTTP side) on it; wiring on top. */
@AnalyzeClasses(packages = "dev.tasklane.consumers.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.tasklane.consumers.audit.(*)..").should().beFreeOfCycles()
            .because("each feature package must read on its own");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Wiring").definedBy("dev.tasklane.consumers.audit")
            .layer("Ingest").definedBy("dev.tasklane.consumers.audit.ingest..")
            .layer("History").definedBy("dev.tasklane.consumers.audit.history..")
            .layer("Log").definedBy("dev.tasklane.consumers.audit.log..")
            .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ingest").mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("History").mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Log").mayOnlyBeAccessedByLayers("Wiring", "Ingest", "History")
            .because("writing events and reading history share only the log, never each other");
}

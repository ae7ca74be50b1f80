package dev.tasklane.consumers.reminders;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Reminders' layers: the schedule (Redis) and the emitter (Kafka) at the bottom, the firing loop on both, wiring on top. */
@AnalyzeClasses(packages = "dev.tasklane.consumers.reminders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.tasklane.consumers.reminders.(*)..").should().beFreeOfCycles()
            .because("each feature package must read on its own");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Wiring").definedBy("dev.tasklane.consumers.reminders")
            .layer("Firing").definedBy("dev.tasklane.consumers.reminders.firing..")
            .layer("Emit").definedBy("dev.tasklane.consumers.reminders.emit..")
            .layer("Schedule").definedBy("dev.tasklane.consumers.reminders.schedule..")
            .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
            .whereLayer("Firing").mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Emit").mayOnlyBeAccessedByLayers("Wiring", "Firing")
            .whereLayer("Schedule").mayOnlyBeAccessedByLayers("Wiring", "Firing", "Emit")
            .because("keeping the schedule and emitting are separate concerns joined only by the firing loop");
}

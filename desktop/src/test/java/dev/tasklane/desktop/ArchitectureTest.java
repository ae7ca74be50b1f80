package dev.tasklane.desktop;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** ui → viewmodel → service → store | sync; nothing points back (CONVENTIONS rule 1). */
@AnalyzeClasses(packages = "dev.tasklane.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("App").definedBy("dev.tasklane.desktop")
            .layer("UI").definedBy("dev.tasklane.desktop.ui..")
            .layer("ViewModel").definedBy("dev.tasklane.desktop.viewmodel..")
            .layer("Service").definedBy("dev.tasklane.desktop.service..")
            .layer("Notify").definedBy("dev.tasklane.desktop.notify..")
            .layer("Store").definedBy("dev.tasklane.desktop.store..")
            .layer("Sync").definedBy("dev.tasklane.desktop.sync..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("UI").mayOnlyBeAccessedByLayers("App")
            .whereLayer("ViewModel").mayOnlyBeAccessedByLayers("UI", "App")
            .whereLayer("Notify").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Service").mayOnlyBeAccessedByLayers("ViewModel", "UI", "Notify", "App")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Service", "App")
            .whereLayer("Sync").mayOnlyBeAccessedByLayers("Service", "App");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("dev.tasklane.desktop.(**)").should().beFreeOfCycles()
            .because("a cycle means two features cannot be understood, tested or changed apart");

    @ArchTest
    static final ArchRule noSqlOrHttpAboveTheServices = noClasses()
            .that().resideInAnyPackage("dev.tasklane.desktop.ui..", "dev.tasklane.desktop.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..", "org.h2..")
            .because("views and view models talk to services, never to the store or the network");

    @ArchTest
    static final ArchRule viewModelsDoNotTouchControls = noClasses()
            .that().resideInAPackage("dev.tasklane.desktop.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("view models are tested without a window");
}

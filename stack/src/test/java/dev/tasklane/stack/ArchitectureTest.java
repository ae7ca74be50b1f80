package dev.tasklane.stack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The stack runs the cloud side as a deployment would: through its entry points, not its insides. */
@AnalyzeClasses(packages = "dev.tasklane", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule stackUsesOnlyTheServersEntryPoints = noClasses().that().resideInAPackage("dev.tasklane.stack..").should().dependOnClassesThat()
            .resideInAnyPackage("dev.tasklane.server.sync..", "dev.tasklane.server.api..", "dev.tasklane.server.sse..",
                    "dev.tasklane.server.events..", "dev.tasklane.server.db..")
            .because("the stack starts the server the way production does (configuration in, server out); "
                    + "reaching into its packages would let the one-command stack diverge from a deployment");

    @ArchTest
    static final ArchRule stackDoesNotDependOnTheDesktop = noClasses().that().resideInAPackage("dev.tasklane.stack..").should().dependOnClassesThat()
            .resideInAnyPackage("dev.tasklane.desktop..", "javafx..")
            .because("the stack is the cloud side only; desktops connect to it over HTTP");

    /** Module level: core, server and stack depend on each other in one direction only. */
    @ArchTest
    static final ArchRule modulesHaveNoCycles = slices().matching("dev.tasklane.(*)..").should().beFreeOfCycles();
}

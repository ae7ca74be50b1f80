package dev.tasklane.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The sync server's shape (CONVENTIONS 1 and 19): feature packages without cycles; the root
 * package wires everything and nothing depends on it; HTTP stays at the edge (api, sse, auth's
 * authenticator); db, observe and ratelimit are leaves.
 */
@AnalyzeClasses(packages = "dev.tasklane.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.tasklane.server.(*)..").should().beFreeOfCycles()
            .because("a cycle means two features cannot be understood, tested or changed apart");

    @ArchTest
    static final ArchRule nothingDependsOnTheWiring = noClasses().that().resideOutsideOfPackage("dev.tasklane.server")
            .should().dependOnClassesThat().resideInAPackage("dev.tasklane.server")
            .because("the root package is the composition root: it knows every part, no part knows it");

    @ArchTest
    static final ArchRule onlyTheWiringUsesTheHttpAdapters = noClasses().that().resideOutsideOfPackages("dev.tasklane.server", "dev.tasklane.server.api..")
            .should().dependOnClassesThat().resideInAPackage("dev.tasklane.server.api..")
            .because("api turns HTTP into calls on the features; features never call back into it");

    @ArchTest
    static final ArchRule featuresKnowNoHttp = noClasses().that().resideInAnyPackage("dev.tasklane.server.sync..",
                    "dev.tasklane.server.events..", "dev.tasklane.server.db..", "dev.tasklane.server.ratelimit..")
            .should().dependOnClassesThat().resideInAPackage("io.helidon.webserver..")
            .because("merging, events, storage and budgets are tested without a web server");

    @ArchTest
    static final ArchRule infrastructureIsALeaf = noClasses().that().resideInAnyPackage("dev.tasklane.server.db..",
                    "dev.tasklane.server.observe..", "dev.tasklane.server.ratelimit..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tasklane.server.api..", "dev.tasklane.server.auth..",
                    "dev.tasklane.server.sync..", "dev.tasklane.server.sse..", "dev.tasklane.server.events..")
            .because("storage, metrics, logging and budgets serve the features and know none of them");
}

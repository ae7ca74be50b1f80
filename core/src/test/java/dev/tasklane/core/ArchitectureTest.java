package dev.tasklane.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** core is the shared language: it must stay free of I/O, UI and servers. */
@AnalyzeClasses(packages = "dev.tasklane.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreDoesNoIo = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "java.net..", "java.nio.file..", "java.io..", "javafx..", "java.net.http..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System")
            .because("core is shared by desktop and server and must not do I/O or read global state");

    @ArchTest
    static final ArchRule corePackagesHaveNoCycles = slices().matching("dev.tasklane.core.(*)..").should().beFreeOfCycles();
}

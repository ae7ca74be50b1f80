package dev.tasklane.connections;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The connection settings are a leaf both the server and the consumer services depend on: one
 * package (so no cycles to check), and it knows neither of them nor any client library but the
 * one Redisson type it configures.
 */
@AnalyzeClasses(packages = "dev.tasklane.connections", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule knowsNoService = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.tasklane.server..", "dev.tasklane.consumers..", "dev.tasklane.stack..", "org.apache.kafka..")
            .because("settings are read once and handed to the clients; a dependency back would make the shared part a cycle");
}

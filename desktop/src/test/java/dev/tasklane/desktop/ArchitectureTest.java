package dev.tasklane.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * ui → viewmodel → service | sync → store; nothing points back (CONVENTIONS rules 1 and 23).
 * Sync is one room ({@code dev.tasklane.desktop.sync}): the account, engine, event stream and
 * status at its door, the HTTP client ({@code sync.client}) and the stored session
 * ({@code sync.tokens}) behind it.
 */
@AnalyzeClasses(packages = "dev.tasklane.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String SYNC_ROOM = "dev.tasklane.desktop.sync..";

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("App").definedBy("dev.tasklane.desktop")
            .layer("UI").definedBy("dev.tasklane.desktop.ui..")
            .layer("ViewModel").definedBy("dev.tasklane.desktop.viewmodel..")
            .layer("Notify").definedBy("dev.tasklane.desktop.notify..")
            .layer("Service").definedBy("dev.tasklane.desktop.service..")
            .layer("Sync").definedBy("dev.tasklane.desktop.sync")
            .layer("SyncClient").definedBy("dev.tasklane.desktop.sync.client..")
            .layer("SyncTokens").definedBy("dev.tasklane.desktop.sync.tokens..")
            .layer("Store").definedBy("dev.tasklane.desktop.store..")
            .layer("Threads").definedBy("dev.tasklane.desktop.threads..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("UI").mayOnlyBeAccessedByLayers("App")
            .whereLayer("ViewModel").mayOnlyBeAccessedByLayers("UI", "App")
            .whereLayer("Notify").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Service").mayOnlyBeAccessedByLayers("ViewModel", "UI", "Notify", "Sync", "App")
            .whereLayer("Sync").mayOnlyBeAccessedByLayers("ViewModel", "App")
            .whereLayer("SyncClient").mayOnlyBeAccessedByLayers("Sync")
            .whereLayer("SyncTokens").mayOnlyBeAccessedByLayers("Sync", "App")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Service", "Sync", "SyncTokens", "App")
            .whereLayer("Threads").mayOnlyBeAccessedByLayers("Service", "Sync", "App")
            .because("the composition root builds everything and nothing reaches back for it; views see view "
                    + "models, view models see services and the sync room's door, and only the sync room talks "
                    + "to the server or keeps the session");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices().matching("dev.tasklane.desktop.(**)").should().beFreeOfCycles()
            .because("a cycle means two features cannot be understood, tested or changed apart");

    @ArchTest
    static final ArchRule syncClassesLiveInTheSyncRoom = classes()
            .that().haveNameMatching(".*\\.[^.]*(Sync|Token|Keychain|ServerEvents)[^.]*")
            .and().resideOutsideOfPackages("dev.tasklane.desktop.ui..", "dev.tasklane.desktop.viewmodel..")
            .should().resideInAPackage(SYNC_ROOM)
            .because("the desktop's sync client, engine, session and their stored state are one room "
                    + "(CONVENTIONS rule 23); views and view models of sync stay with the other views");

    @ArchTest
    static final ArchRule onlyTheSyncRoomTalksToTheServer = noClasses()
            .that().resideOutsideOfPackage(SYNC_ROOM)
            .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "java.net.http..", "com.github.javakeyring..")
            .because("HTTP to the sync server and the OS keychain are reached through the sync room only");

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

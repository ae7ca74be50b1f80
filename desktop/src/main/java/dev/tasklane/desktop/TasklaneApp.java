package dev.tasklane.desktop;

import dev.tasklane.desktop.service.preferences.WindowPreferences;
import dev.tasklane.desktop.service.reminders.ReminderScheduler;
import dev.tasklane.desktop.store.LocalDatabase;
import dev.tasklane.desktop.store.StoreOpenException;
import dev.tasklane.desktop.sync.SyncAccount;
import dev.tasklane.desktop.sync.SyncStatus;
import dev.tasklane.desktop.threads.BackgroundPriority;
import dev.tasklane.desktop.ui.DialogService;
import dev.tasklane.desktop.ui.InAppNotifier;
import dev.tasklane.desktop.ui.MainView;
import dev.tasklane.desktop.ui.Themes;
import dev.tasklane.desktop.ui.TransferMenu;
import dev.tasklane.desktop.viewmodel.MainViewModel;
import dev.tasklane.desktop.viewmodel.SignInViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The desktop app's lifecycle and window: shows the window at once, takes the store {@link Launcher}
 * started opening, puts the main view in place, starts loading tasks, then puts the panels of
 * {@link AppServices} into the window and starts reminders and sync; closes it all on exit. It
 * builds no services or view models beyond the view itself: the object graph comes from
 * {@link DesktopContext} (what it learns from the computer from {@link ThisComputer}); start-up
 * marks from {@link StartupProbe}; window bounds from {@link WindowBounds}.
 */
public final class TasklaneApp {

    private static final Logger LOG = Logger.getLogger(TasklaneApp.class.getName());
    /** Tasks read first, so the list shows its start while the rest loads (a window holds ~30). */
    static final int FIRST_PAGE = 300;

    private final StartupProbe probe;
    private final Path directory;
    private final CompletableFuture<LocalDatabase> opening;
    private LocalDatabase database;
    private ScheduledExecutorService background;
    private AppServices services;
    private boolean stopped;

    TasklaneApp(StartupProbe probe, Path directory, CompletableFuture<LocalDatabase> opening) {
        this.probe = probe;
        this.directory = directory;
        this.opening = opening;
    }

    /** On the UI thread: the window first, with a progress indicator, while the store opens. */
    void start(Stage stage) {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(48, 48);
        Label openingLabel = new Label("Opening your tasks…");
        VBox placeholder = new VBox(12, progress, openingLabel);
        placeholder.setAlignment(Pos.CENTER);
        Scene scene = new Scene(placeholder, 1100, 700);
        Themes.apply(scene, Themes.systemPrefersDark());
        stage.setTitle("Tasklane");
        stage.setScene(scene);
        stage.setMinWidth(800);
        stage.setMinHeight(420);
        // Closing the window ends the app (what Application.launch did for us) — after the hide has
        // finished: Platform.exit() inside Window.hide tears the toolkit down under it
        // (IllegalStateException from Window.setView on every quit).
        stage.setOnHidden(e -> Platform.runLater(this::quit));
        stage.show();
        probe.mark(StartupProbe.Phase.FIRST_WINDOW);

        background = Executors.newSingleThreadScheduledExecutor(BackgroundPriority.threads("tasklane-background"));
        DialogService dialogs = new DialogService(stage);
        opening.whenComplete((opened, failure) -> Platform.runLater(() -> {
            Optional<LocalDatabase> store = failure == null ? Optional.of(opened)
                    : recover(directory, StoreOpening.cause(failure), dialogs);
            if (store.isEmpty()) {
                quit();
                return;
            }
            database = store.get();
            probe.mark(StartupProbe.Phase.STORE_OPEN);
            showMain(stage, scene, dialogs);
        }));
    }

    private void showMain(Stage stage, Scene scene, DialogService dialogs) {
        Clock clock = Clock.systemDefaultZone();
        ZoneId zone = ZoneId.systemDefault();
        DesktopContext context = DesktopContext.create(database, clock, zone, Platform::runLater);
        MainViewModel model = context.mainViewModel();
        // Reading starts before the view is built: the first page is usually there when it is.
        CompletableFuture<Void> listed = new CompletableFuture<>();
        background.execute(() -> {
            if (model.loadFirst(FIRST_PAGE) == FIRST_PAGE) {
                // The rest waits until the first rows are on screen (at most 2 s): on two cores,
                // reading 100,000 tasks beside the window's first layout slowed both.
                try {
                    listed.get(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    LOG.fine("reading all tasks without waiting for the first rows");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            model.load();
            Platform.runLater(() -> {
                probe.mark(StartupProbe.Phase.TASKS_LOADED, "tasks=" + context.tasks().size());
                if (probe.exitAfterStartup()) {
                    // Queued behind the list's update, so the figures include it.
                    Platform.runLater(() -> {
                        probe.reportMemory();
                        quit();
                    });
                }
            });
        });
        WindowPreferences windowPreferences = context.windowPreferences();
        MainView view = new MainView(model, context.editorViewModel());
        scene.setRoot(view.root());
        Runnable toggleTheme = Themes.follow(scene, model.darkThemeProperty(), windowPreferences);
        view.installShortcuts(scene, toggleTheme, () -> dialogs.showShortcuts(MainView.SHORTCUTS));
        view.installSave(scene, context.editorViewModel()::save);
        WindowBounds.restoreAndRemember(stage, windowPreferences);
        view.focusQuickAdd();
        Platform.runLater(() -> probe.mark(StartupProbe.Phase.MAIN_VIEW_SHOWN));
        markUsableWhenListed(model, listed);
        // Relative due texts ("in 5 min" → "overdue") and the Today list move with the clock.
        javafx.animation.Timeline minuteTick = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.minutes(1), e -> model.refresh()));
        minuteTick.setCycleCount(javafx.animation.Animation.INDEFINITE);
        minuteTick.play();

        context.reminderActions().onOpen(id -> Platform.runLater(() -> {
            stage.show();
            stage.toFront();
            model.selectedTaskIdProperty().set(id);
        }));
        services = context.appServices(ThisComputer.read(directory), clock, zone, background, Platform::runLater,
                actions -> new InAppNotifier(stage, actions));
        view.installHistory(services.history());
        view.installTransfer(new TransferMenu(services.transfer(), dialogs));
        BooleanProperty signedIn = new SimpleBooleanProperty(false);
        SignInViewModel signInModel = services.signIn();
        signInModel.signedInProperty().addListener((obs, old, done) -> signedIn.set(signedIn.get() || done));
        view.offerSignIn(() -> { signInModel.reset(); view.showSignIn(signInModel); }, signedIn);
        SyncAccount account = services.account();
        view.offerAccountActions(() -> background.execute(account::signOut),
                () -> { signInModel.reset(); view.showSignIn(signInModel); }, signedIn);
        context.syncStatus().addListener(state -> Platform.runLater(() -> signedIn.set(context.syncStatus().account().isPresent()
                && !(state instanceof SyncStatus.SignedOut))));
        view.installInboxes(services.conflicts(), services.notSynced());
        // After the load (same single thread): reminders and sync read the tasks it brings.
        ReminderScheduler reminders = services.reminders();
        background.execute(() -> {
            reminders.start();
            boolean resumed = account.resume();
            Platform.runLater(() -> signedIn.set(resumed));
        });
    }

    /** Marks the moment the list first shows tasks (or, for an empty store, the loading ends), one pulse later. */
    private void markUsableWhenListed(MainViewModel model, CompletableFuture<Void> listed) {
        Runnable check = () -> {
            if (!listed.isDone() && (!model.rows().isEmpty() || !model.loadingProperty().get())) {
                Platform.runLater(() -> {
                    probe.mark(StartupProbe.Phase.USABLE, "rows=" + model.rows().size());
                    listed.complete(null);
                });
            }
        };
        model.rows().addListener((javafx.collections.ListChangeListener<Object>) change -> check.run());
        model.loadingProperty().addListener((obs, old, loading) -> check.run());
        check.run();
    }

    /** Explains a store that would not open; for a damaged one offers backup-and-fresh-start. */
    private Optional<LocalDatabase> recover(Path directory, Throwable failure, DialogService dialogs) {
        return switch (failure) {
            case StoreOpenException.Locked locked -> {
                dialogs.showError("Tasklane is already open", locked.getMessage());
                yield Optional.empty();
            }
            case StoreOpenException.Corrupt corrupt -> {
                LOG.log(Level.SEVERE, "store could not be opened", corrupt);
                if (!dialogs.confirmBackupAndReset(corrupt.getMessage())) {
                    yield Optional.empty();
                }
                try {
                    Path backup = LocalDatabase.backupAndReset(directory, java.time.Instant.now());
                    LOG.warning("damaged store moved to " + backup);
                    yield Optional.of(LocalDatabase.open(directory));
                } catch (IOException | StoreOpenException again) {
                    dialogs.showError("Tasklane could not start fresh", again.getMessage());
                    yield Optional.empty();
                }
            }
            default -> {
                LOG.log(Level.SEVERE, "store could not be opened", failure);
                dialogs.showError("Tasklane could not open your tasks", String.valueOf(failure.getMessage()));
                yield Optional.empty();
            }
        };
    }

    /** Closes reminders, sync and the store, then ends JavaFX; runs once. */
    void quit() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (services != null) {
            services.close();
        } else if (background != null) {
            background.shutdownNow();
        }
        if (database != null) {
            database.close();
        } else {
            // The store may still be opening: close it when it is open, so its lock is released.
            opening.thenAccept(LocalDatabase::close);
        }
        Platform.exit();
    }
}

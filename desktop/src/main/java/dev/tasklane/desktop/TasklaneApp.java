package dev.tasklane.desktop;

import dev.tasklane.desktop.notify.CombinedNotifier;
import dev.tasklane.desktop.notify.FreedesktopNotifier;
import dev.tasklane.desktop.notify.MacNotifier;
import dev.tasklane.desktop.notify.WindowsTrayNotifier;
import dev.tasklane.desktop.service.preferences.WindowPreferences;
import dev.tasklane.desktop.service.reminders.Notifier;
import dev.tasklane.desktop.service.reminders.ReminderScheduler;
import dev.tasklane.desktop.service.sync.SyncAccount;
import dev.tasklane.desktop.service.sync.SyncStatus;
import dev.tasklane.desktop.store.DataDirectory;
import dev.tasklane.desktop.store.LocalDatabase;
import dev.tasklane.desktop.store.StoreOpenException;
import dev.tasklane.desktop.ui.DialogService;
import dev.tasklane.desktop.ui.InAppNotifier;
import dev.tasklane.desktop.ui.MainView;
import dev.tasklane.desktop.ui.Themes;
import dev.tasklane.desktop.viewmodel.SignInViewModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop application: opens the local store, shows the main window, starts reminders. */
public final class TasklaneApp extends Application {

    private static final Logger LOG = Logger.getLogger(TasklaneApp.class.getName());

    private LocalDatabase database;
    private ScheduledExecutorService background;
    private ReminderScheduler scheduler;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @Override
    public void start(Stage stage) {
        mark("fxStarted");
        // The window comes first, with a progress indicator; the store opens off the UI thread.
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(48, 48);
        Label opening = new Label("Opening your tasks…");
        VBox placeholder = new VBox(12, progress, opening);
        placeholder.setAlignment(Pos.CENTER);
        Scene scene = new Scene(placeholder, 1100, 700);
        Themes.apply(scene, Themes.systemPrefersDark());
        stage.setTitle("Tasklane");
        stage.setScene(scene);
        stage.setMinWidth(800);
        stage.setMinHeight(420);
        stage.show();
        reportStartup();

        background = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tasklane-background").factory());
        DialogService dialogs = new DialogService();
        Path directory = DataDirectory.resolve(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
        CompletableFuture.supplyAsync(() -> {
            try {
                return LocalDatabase.open(directory);
            } catch (StoreOpenException e) {
                throw new CompletionException(e);
            }
        }, background).whenComplete((opened, failure) -> Platform.runLater(() -> {
            Optional<LocalDatabase> store = failure == null ? Optional.of(opened) : recover(directory, failure.getCause(), dialogs);
            if (store.isEmpty()) {
                Platform.exit();
                return;
            }
            database = store.get();
            mark("storeOpen");
            showMain(stage, scene, dialogs);
        }));
    }

    private void showMain(Stage stage, Scene scene, DialogService dialogs) {
        Clock clock = Clock.systemDefaultZone();
        ZoneId zone = ZoneId.systemDefault();
        DesktopContext context = DesktopContext.create(database, clock, zone, Platform::runLater);
        WindowPreferences windowPreferences = context.windowPreferences();
        MainView view = new MainView(context.mainViewModel(), context.editorViewModel());
        scene.setRoot(view.root());
        // Light or dark as the system says, live, until the user picks one with Ctrl+T (remembered).
        javafx.beans.property.BooleanProperty darkTheme = context.mainViewModel().darkThemeProperty();
        darkTheme.set(windowPreferences.chosenDarkTheme().orElseGet(Themes::systemPrefersDark));
        Themes.apply(scene, darkTheme.get());
        darkTheme.addListener((obs, old, dark) -> Themes.apply(scene, dark));
        Platform.getPreferences().colorSchemeProperty().addListener((obs, old, scheme) -> {
            if (windowPreferences.chosenDarkTheme().isEmpty()) {
                darkTheme.set(scheme == javafx.application.ColorScheme.DARK);
            }
        });
        view.installShortcuts(scene,
                () -> {
                    windowPreferences.saveDarkTheme(!darkTheme.get());
                    darkTheme.set(!darkTheme.get());
                },
                () -> dialogs.showShortcuts(MainView.SHORTCUTS));
        view.installSave(scene, context.editorViewModel()::save);
        windowPreferences.bounds().ifPresent(b -> {
            stage.setX(b.x());
            stage.setY(b.y());
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            stage.setMaximized(b.maximized());
        });
        stage.setOnCloseRequest(e -> windowPreferences.saveBounds(new WindowPreferences.Bounds(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized())));
        view.focusQuickAdd();
        Platform.runLater(() -> mark("mainViewShown"));
        // Relative due texts ("in 5 min" → "overdue") and the Today list move with the clock.
        javafx.animation.Timeline minuteTick = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.minutes(1), e -> context.mainViewModel().refresh()));
        minuteTick.setCycleCount(javafx.animation.Animation.INDEFINITE);
        minuteTick.play();

        context.reminderActions().onOpen(id -> Platform.runLater(() -> {
            stage.show();
            stage.toFront();
            context.mainViewModel().selectedTaskIdProperty().set(id);
        }));
        Notifier notifier = notifier(new InAppNotifier(stage, context.reminderActions()), context);
        scheduler = new ReminderScheduler(context.tasks(), context.reminderLog(), notifier, clock, background,
                Duration.ofDays(7), Duration.ofSeconds(30));
        scheduler.onQuietlySkipped(count -> Platform.runLater(() -> context.mainViewModel().reportQuietReminders(count)));
        SyncAccount account = new SyncAccount(context.tasks(), context.preferences(), context.syncStatus(), clock, background,
                "Tasklane on " + hostName());
        closeables.add(account);
        account.onServerReminder(reminder -> scheduler.showDelivered(reminder.taskId(), reminder.title(), reminder.fireAt()));
        view.installHistory(new dev.tasklane.desktop.viewmodel.TaskHistoryViewModel(account, background, Platform::runLater, zone));
        javafx.beans.property.BooleanProperty signedIn = new javafx.beans.property.SimpleBooleanProperty(false);
        SignInViewModel signInModel = new SignInViewModel(account, background, Platform::runLater);
        signInModel.signedInProperty().addListener((obs, old, done) -> signedIn.set(signedIn.get() || done));
        view.offerSignIn(() -> { signInModel.reset(); view.showSignIn(signInModel); }, signedIn);
        view.offerAccountActions(() -> background.execute(account::signOut),
                () -> { signInModel.reset(); view.showSignIn(signInModel); }, signedIn);
        context.syncStatus().addListener(state -> Platform.runLater(() -> signedIn.set(context.syncStatus().account().isPresent()
                && !(state instanceof SyncStatus.SignedOut))));
        view.installInboxes(new dev.tasklane.desktop.viewmodel.ConflictsViewModel(context.tasks(), context.syncStatus(), zone, Platform::runLater),
                new dev.tasklane.desktop.viewmodel.NotSyncedViewModel(context.tasks(), context.syncStatus(), account::discardRefused,
                        background, Platform::runLater, zone));
        background.execute(() -> {
            context.mainViewModel().load();
            scheduler.start();
            boolean resumed = account.resume();
            Platform.runLater(() -> signedIn.set(resumed));
            reportLoaded(context.tasks().size());
        });
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

    /** Native popups where the OS has a notification service; the in-app popup otherwise. */
    private Notifier notifier(InAppNotifier inApp, DesktopContext context) {
        String forced = Optional.ofNullable(System.getenv("TASKLANE_NOTIFIER")).orElse("");
        if (forced.equals("in-app")) {
            return inApp;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        List<Notifier> chain = new ArrayList<>();
        List<Notifier> always = new ArrayList<>();
        try {
            if (os.contains("mac")) {
                chain.add(new MacNotifier());
                always.add(inApp);
            } else if (os.contains("win")) {
                chain.add(WindowsTrayNotifier.install(context.reminderActions()));
            } else {
                FreedesktopNotifier dbus = FreedesktopNotifier.connect(context.reminderActions());
                closeables.add(dbus);
                chain.add(dbus);
            }
        } catch (Notifier.NotificationException e) {
            LOG.info("native notifications unavailable (" + e.getMessage() + "); using in-app popups");
        }
        chain.add(inApp);
        return new CombinedNotifier(chain, always);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "this computer";
        }
    }

    /** In benchmark mode, prints how long after JVM start a startup phase ended. */
    private static void mark(String phase) {
        if (Boolean.getBoolean("tasklane.exitAfterStartup")) {
            System.out.println("tasklane.startup." + phase + "Ms=" + ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }

    /** Prints time from JVM start to the first window, read by the benchmark. */
    private static void reportStartup() {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println("tasklane.startup.firstWindowMs=" + uptime);
    }

    /**
     * Prints when every task is in memory. With {@code -Dtasklane.exitAfterStartup=true} (the
     * benchmark) it also prints the resident memory and quits.
     */
    private static void reportLoaded(int tasks) {
        System.out.println("tasklane.startup.tasksLoadedMs=" + ManagementFactory.getRuntimeMXBean().getUptime() + " tasks=" + tasks);
        if (Boolean.getBoolean("tasklane.exitAfterStartup")) {
            // Queued behind the main view, so the figures include it.
            Platform.runLater(() -> {
                System.gc();
                System.out.println("tasklane.rssKb=" + residentKilobytes());
                Platform.exit();
            });
        }
    }

    /** VmRSS from /proc on Linux; -1 elsewhere. */
    private static long residentKilobytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "no /proc here", e);
        }
        return -1;
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing " + closeable, e);
            }
        }
        if (database != null) {
            database.close();
        }
    }
}

package dev.tasklane.desktop;

import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.notify.NativeNotifiers;
import dev.tasklane.desktop.service.preferences.WindowPreferences;
import dev.tasklane.desktop.service.reminders.Notifier;
import dev.tasklane.desktop.service.reminders.ReminderActions;
import dev.tasklane.desktop.service.reminders.ReminderScheduler;
import dev.tasklane.desktop.service.tasks.StampingClock;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.service.transfer.TaskTransfer;
import dev.tasklane.desktop.store.LocalDatabase;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.store.ReminderLog;
import dev.tasklane.desktop.store.TaskStore;
import dev.tasklane.desktop.sync.DeviceName;
import dev.tasklane.desktop.sync.SyncAccount;
import dev.tasklane.desktop.sync.SyncStatusService;
import dev.tasklane.desktop.sync.tokens.KeychainTokenStore;
import dev.tasklane.desktop.viewmodel.ConflictsViewModel;
import dev.tasklane.desktop.viewmodel.MainViewModel;
import dev.tasklane.desktop.viewmodel.NotSyncedViewModel;
import dev.tasklane.desktop.viewmodel.SignInViewModel;
import dev.tasklane.desktop.viewmodel.TaskEditorViewModel;
import dev.tasklane.desktop.viewmodel.TaskHistoryViewModel;
import dev.tasklane.desktop.viewmodel.TransferViewModel;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The desktop's object graph, in one place: {@link #create} wires the services and view models over
 * one open store (the app, the UI tests and the benchmarks all build the same graph through it);
 * {@link #appServices} adds what only the running app has — reminders through this computer's
 * notifier, the sync account with its keychain session, and the remaining panels' view models.
 * {@link TasklaneApp} builds the window and hands these over; it constructs no services itself.
 */
public record DesktopContext(LocalDatabase database, TaskService tasks, ReminderLog reminderLog,
                             ReminderActions reminderActions, WindowPreferences windowPreferences,
                             MainViewModel mainViewModel, TaskEditorViewModel editorViewModel,
                             PreferenceStore preferences, SyncStatusService syncStatus) {

    /**
     * @param uiExecutor runs view-model updates on the UI thread ({@code Platform::runLater} in the app)
     */
    public static DesktopContext create(LocalDatabase database, InstantSource time, ZoneId zone, Executor uiExecutor) {
        PreferenceStore preferences = new PreferenceStore(database.dataSource());
        String node = preferences.getOrCreate("device.node", () -> "d" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)));
        TaskStore store = new TaskStore(database.dataSource(), zone);
        StampingClock stamping = new StampingClock(time, preferences);
        TaskService tasks = new TaskService(store, new HybridLogicalClock(stamping, node), stamping, time, zone);
        SyncStatusService syncStatus = new SyncStatusService(store, zone);
        MainViewModel main = new MainViewModel(tasks, syncStatus, uiExecutor);
        return new DesktopContext(database, tasks, new ReminderLog(database.dataSource()), new ReminderActions(tasks),
                new WindowPreferences(preferences), main, new TaskEditorViewModel(tasks, uiExecutor), preferences, syncStatus);
    }

    /**
     * The running app's own services over this context. Called on the UI thread once the main view is
     * up, as the app always wired them (nothing here waits on the network: the host name is read, the
     * keychain is opened on first use, sign-in is resumed later by the caller on {@code background}).
     *
     * @param computer      host name, data folders, OS and notifier choice
     * @param background    the app's background thread: reminders, sync and the panels' slow work run there
     * @param uiExecutor    runs view-model updates on the UI thread ({@code Platform::runLater} in the app)
     * @param inAppNotifier the in-window reminder notice, the fallback when the OS offers none
     */
    public AppServices appServices(ThisComputer computer, InstantSource time, ZoneId zone,
                                   ScheduledExecutorService background, Executor uiExecutor,
                                   Function<ReminderActions, Notifier> inAppNotifier) {
        // Filled as notifier back-ends start, then the account and the token store: closed in that order on quit.
        List<AutoCloseable> closeables = new ArrayList<>();
        Notifier notifier = NativeNotifiers.forThisComputer(inAppNotifier.apply(reminderActions), reminderActions,
                computer.osName(), computer.forcedNotifier(), closeables::add);
        ReminderScheduler reminders = new ReminderScheduler(tasks, reminderLog, notifier, time, background,
                Duration.ofDays(7), Duration.ofSeconds(30));
        reminders.onQuietlySkipped(count -> uiExecutor.execute(() -> mainViewModel.reportQuietReminders(count)));
        // One keychain entry per data folder (its device id), so two profiles keep separate sessions.
        KeychainTokenStore tokens = KeychainTokenStore.forThisComputer(preferences, preferences.get("device.node").orElse("default"));
        String deviceName = DeviceName.of(computer.hostName(), computer.dataDirectory(), computer.standardDataDirectory());
        SyncAccount account = new SyncAccount(tasks, preferences, tokens, syncStatus, time, background, deviceName);
        closeables.add(account);
        closeables.add(tokens);
        account.onServerReminder(reminder -> reminders.showDelivered(reminder.taskId(), reminder.title(), reminder.fireAt()));
        TaskHistoryViewModel history = new TaskHistoryViewModel(account, background, uiExecutor, zone, deviceName);
        syncStatus.addListener(state -> uiExecutor.execute(() -> history.statusChanged(state)));
        tasks.addListener(change -> {
            List<UUID> ids = change.tasks().stream().map(Task::id).toList();
            uiExecutor.execute(() -> history.tasksChanged(ids));
        });
        TransferViewModel transfer = new TransferViewModel(new TaskTransfer(tasks), mainViewModel::recordUndo,
                background, uiExecutor);
        SignInViewModel signIn = new SignInViewModel(account, background, uiExecutor);
        ConflictsViewModel conflicts = new ConflictsViewModel(tasks, syncStatus, zone, uiExecutor);
        NotSyncedViewModel notSynced = new NotSyncedViewModel(tasks, syncStatus, account::discardRefused,
                background, uiExecutor, zone);
        return new AppServices(background, reminders, account, history, transfer, signIn, conflicts, notSynced, closeables);
    }
}

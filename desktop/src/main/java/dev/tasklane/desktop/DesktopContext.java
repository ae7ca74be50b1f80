package dev.tasklane.desktop;

import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.desktop.service.preferences.WindowPreferences;
import dev.tasklane.desktop.service.reminders.ReminderActions;
import dev.tasklane.desktop.service.tasks.StampingClock;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.store.LocalDatabase;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.store.ReminderLog;
import dev.tasklane.desktop.store.TaskStore;
import dev.tasklane.desktop.sync.SyncStatusService;
import dev.tasklane.desktop.viewmodel.MainViewModel;
import dev.tasklane.desktop.viewmodel.TaskEditorViewModel;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.concurrent.Executor;

/**
 * Wires the desktop's services and view models over one open store. The app, the UI tests and
 * the benchmark all build the same graph through here.
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
}

package dev.tasklane.desktop;

import dev.tasklane.desktop.service.reminders.ReminderScheduler;
import dev.tasklane.desktop.sync.SyncAccount;
import dev.tasklane.desktop.viewmodel.ConflictsViewModel;
import dev.tasklane.desktop.viewmodel.NotSyncedViewModel;
import dev.tasklane.desktop.viewmodel.SignInViewModel;
import dev.tasklane.desktop.viewmodel.TaskHistoryViewModel;
import dev.tasklane.desktop.viewmodel.TransferViewModel;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The part of the object graph only the running app has, on top of {@link DesktopContext}:
 * reminders through this computer's notifier, the sync account with its keychain session, and
 * the view models of the history, transfer, sign-in and sync-inbox panels. Built by
 * {@link DesktopContext#appServices}; the app puts the view models into its window.
 *
 * @param background the app's one background thread (load, reminders, sync), shut down by {@link #close()}
 * @param closeables notifier back-ends, the account and the token store, closed in that order
 */
public record AppServices(ScheduledExecutorService background, ReminderScheduler reminders, SyncAccount account,
                          TaskHistoryViewModel history, TransferViewModel transfer, SignInViewModel signIn,
                          ConflictsViewModel conflicts, NotSyncedViewModel notSynced, List<AutoCloseable> closeables)
        implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AppServices.class.getName());

    /** Stops reminders, then the background thread, then closes the rest; the store stays open for the caller. */
    @Override
    public void close() {
        reminders.close();
        background.shutdownNow();
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing " + closeable, e);
            }
        }
    }
}

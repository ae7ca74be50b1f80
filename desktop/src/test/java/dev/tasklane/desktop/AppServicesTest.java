package dev.tasklane.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.desktop.service.reminders.Notifier;
import dev.tasklane.desktop.service.reminders.ReminderActions;
import dev.tasklane.desktop.service.reminders.ReminderNotice;
import dev.tasklane.desktop.threads.BackgroundPriority;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running app's part of the graph comes from {@link DesktopContext#appServices} over the same
 * context the rest of the app uses (CONVENTIONS 23: the object graph in one place, the
 * {@code Application} only builds the window).
 */
class AppServicesTest {

    @TempDir
    Path directory;

    /** Records what the app's in-window notice would show. */
    private static final class InWindow implements Notifier {
        final List<ReminderNotice> shown = new ArrayList<>();
        ReminderActions actions;

        @Override
        public void show(ReminderNotice notice) {
            shown.add(notice);
        }

        @Override
        public String name() {
            return "in-window";
        }
    }

    @Test
    void remindersAndSyncAreWiredOverTheContextAndCloseWithTheBackgroundThread() {
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(BackgroundPriority.threads("test-background"));
        try (TestDesktop desktop = new TestDesktop(directory.resolve("store"))) {
            InWindow inWindow = new InWindow();
            // "in-app" as TASKLANE_NOTIFIER: no D-Bus or OS back-end is tried.
            ThisComputer computer = new ThisComputer("laptop", directory.resolve("store"), directory.resolve("standard"), "Linux", "in-app");
            AppServices services = desktop.context.appServices(computer, desktop.clock, TestDesktop.ZONE, background, Runnable::run,
                    actions -> {
                        inWindow.actions = actions;
                        return inWindow;
                    });

            assertThat(inWindow.actions).as("the in-window notice answers through the context's reminder actions")
                    .isSameAs(desktop.context.reminderActions());
            UUID task = UUID.randomUUID();
            assertThat(services.reminders().showDelivered(task, "Call the plumber", TestDesktop.START)).isTrue();
            assertThat(inWindow.shown).extracting(ReminderNotice::taskId).containsExactly(task);
            assertThat(services.account().email()).as("nobody signed in yet").isEmpty();
            assertThat(services.closeables()).as("no OS back-end to close; the account, then its token store")
                    .hasSize(2).first().isSameAs(services.account());

            services.close();
            assertThat(background.isShutdown()).isTrue();
            assertThat(desktop.context.preferences().get("device.node")).as("the store stays open for the app to close").isPresent();
        } finally {
            background.shutdownNow();
        }
    }
}

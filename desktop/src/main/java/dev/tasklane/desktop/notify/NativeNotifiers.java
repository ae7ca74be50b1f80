package dev.tasklane.desktop.notify;

import dev.tasklane.desktop.service.reminders.Notifier;
import dev.tasklane.desktop.service.reminders.ReminderActions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Picks how reminders pop up on this computer: the operating system's notifications where it has a
 * service for them (D-Bus on Linux, Notification Center on macOS, the tray on Windows), the in-app
 * popup otherwise and whenever the native one fails. {@code TASKLANE_NOTIFIER=in-app} forces the popup.
 */
public final class NativeNotifiers {

    private static final Logger LOG = Logger.getLogger(NativeNotifiers.class.getName());

    private NativeNotifiers() {
    }

    /**
     * @param inApp        the in-app popup, last in line
     * @param actions      what a notification's buttons do
     * @param osName       the {@code os.name} system property
     * @param forced       the {@code TASKLANE_NOTIFIER} variable, empty when unset
     * @param toCloseOnExit receives connections to close when the app quits
     */
    public static Notifier forThisComputer(Notifier inApp, ReminderActions actions, String osName, String forced,
                                           Consumer<AutoCloseable> toCloseOnExit) {
        if (forced.equals("in-app")) {
            return inApp;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        List<Notifier> chain = new ArrayList<>();
        List<Notifier> always = new ArrayList<>();
        try {
            if (os.contains("mac")) {
                chain.add(new MacNotifier());
                // Notification Center popups carry no action buttons: the in-app popup offers them.
                always.add(inApp);
            } else if (os.contains("win")) {
                chain.add(WindowsTrayNotifier.install(actions));
            } else {
                FreedesktopNotifier dbus = FreedesktopNotifier.connect(actions);
                toCloseOnExit.accept(dbus);
                chain.add(dbus);
            }
        } catch (Notifier.NotificationException e) {
            LOG.info("native notifications unavailable (" + e.getMessage() + "); using in-app popups");
        }
        chain.add(inApp);
        return new CombinedNotifier(chain, always);
    }
}

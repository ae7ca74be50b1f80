package dev.tasklane.desktop.service.reminders;

/**
 * Shows a reminder to the user: a native OS notification or an in-app popup. Implementations
 * report the user's choice back through the {@link ReminderActionHandler} they were built with.
 */
public interface Notifier {

    /**
     * Shows the notice.
     *
     * @throws NotificationException when this notifier cannot show anything (no notification
     *                               service, service gone); the caller then falls back
     */
    void show(ReminderNotice notice) throws NotificationException;

    /** A short name for logs and the settings screen, e.g. "freedesktop". */
    String name();

    /** This notifier could not show a notice. */
    final class NotificationException extends Exception {
        public NotificationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

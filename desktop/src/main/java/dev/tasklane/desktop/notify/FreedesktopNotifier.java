package dev.tasklane.desktop.notify;

import dev.tasklane.desktop.service.reminders.Notifier;
import dev.tasklane.desktop.service.reminders.ReminderAction;
import dev.tasklane.desktop.service.reminders.ReminderActionHandler;
import dev.tasklane.desktop.service.reminders.ReminderNotice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Linux reminders through the session bus's {@code org.freedesktop.Notifications} service
 * (GNOME, KDE, dunst, …), with Open / Snooze / Complete actions.
 */
public final class FreedesktopNotifier implements Notifier, AutoCloseable {

    static final String BUS_NAME = "org.freedesktop.Notifications";
    static final String OBJECT_PATH = "/org/freedesktop/Notifications";

    private final DBusConnection connection;
    private final FreedesktopNotifications service;
    private final ReminderActionHandler handler;
    private final Map<UInt32, UUID> taskByNotification = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;
    private volatile UInt32 lastNotificationId;

    private FreedesktopNotifier(DBusConnection connection, ReminderActionHandler handler) throws DBusException {
        this.connection = connection;
        this.handler = handler;
        this.service = connection.getRemoteObject(BUS_NAME, OBJECT_PATH, FreedesktopNotifications.class);
        this.subscription = connection.addSigHandler(FreedesktopNotifications.ActionInvoked.class, this::onAction);
    }

    /**
     * Connects to the session bus.
     *
     * @throws NotificationException when there is no session bus
     */
    public static FreedesktopNotifier connect(ReminderActionHandler handler) throws NotificationException {
        try {
            return new FreedesktopNotifier(DBusConnectionBuilder.forSessionBus().build(), handler);
        } catch (DBusException | RuntimeException e) {
            throw new NotificationException("no D-Bus session bus: " + e.getMessage(), e);
        }
    }

    @Override
    public void show(ReminderNotice notice) throws NotificationException {
        List<String> actions = new ArrayList<>();
        for (ReminderAction action : ReminderAction.values()) {
            actions.add(action == ReminderAction.OPEN ? "default" : action.key());
            actions.add(action.label());
        }
        Map<String, Variant<?>> hints = Map.of(
                "urgency", new Variant<>((byte) (notice.missed() ? 1 : 2)),
                "category", new Variant<>("reminder"),
                "desktop-entry", new Variant<>("tasklane"));
        try {
            UInt32 id = service.Notify("Tasklane", new UInt32(0), "appointment-soon",
                    notice.title(), notice.body(), actions, hints, 0);
            taskByNotification.put(id, notice.taskId());
            lastNotificationId = id;
        } catch (DBusExecutionException e) {
            throw new NotificationException("the notification service refused the reminder: " + e.getMessage(), e);
        }
    }

    private void onAction(FreedesktopNotifications.ActionInvoked signal) {
        UUID taskId = taskByNotification.get(signal.notificationId());
        if (taskId != null) {
            ReminderAction.byKey(signal.actionKey()).ifPresent(action -> handler.handle(taskId, action));
        }
    }

    /** The daemon's id of the most recent notification, for diagnostics and tests. */
    public java.util.Optional<UInt32> lastNotificationId() {
        return java.util.Optional.ofNullable(lastNotificationId);
    }

    @Override
    public String name() {
        return "freedesktop";
    }

    @Override
    public void close() {
        try {
            subscription.close();
            connection.close();
        } catch (Exception e) {
            // The bus is going away with the process anyway.
        }
    }

}

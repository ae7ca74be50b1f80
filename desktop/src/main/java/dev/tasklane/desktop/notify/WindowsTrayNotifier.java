package dev.tasklane.desktop.notify;

import dev.tasklane.desktop.service.reminders.Notifier;
import dev.tasklane.desktop.service.reminders.ReminderAction;
import dev.tasklane.desktop.service.reminders.ReminderActionHandler;
import dev.tasklane.desktop.service.reminders.ReminderNotice;
import java.awt.AWTException;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Windows toast through a tray icon ({@link SystemTray}); clicking the toast opens the task.
 * Works on any desktop that has a system tray.
 */
public final class WindowsTrayNotifier implements Notifier {

    private final TrayIcon icon;
    private final AtomicReference<UUID> lastTask = new AtomicReference<>();

    private WindowsTrayNotifier(TrayIcon icon, ReminderActionHandler handler) {
        this.icon = icon;
        icon.addActionListener(event -> {
            UUID taskId = lastTask.get();
            if (taskId != null) {
                handler.handle(taskId, ReminderAction.OPEN);
            }
        });
    }

    /** Adds the tray icon. */
    public static WindowsTrayNotifier install(ReminderActionHandler handler) throws NotificationException {
        if (!SystemTray.isSupported()) {
            throw new NotificationException("this desktop has no system tray", null);
        }
        TrayIcon icon = new TrayIcon(new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB), "Tasklane");
        icon.setImageAutoSize(true);
        try {
            SystemTray.getSystemTray().add(icon);
        } catch (AWTException e) {
            throw new NotificationException("could not add the tray icon", e);
        }
        return new WindowsTrayNotifier(icon, handler);
    }

    @Override
    public void show(ReminderNotice notice) {
        lastTask.set(notice.taskId());
        icon.displayMessage(notice.title(), notice.body(), TrayIcon.MessageType.INFO);
    }

    @Override
    public String name() {
        return "windows-tray";
    }
}

package dev.tasklane.desktop.notify;

import dev.tasklane.desktop.service.reminders.Notifier;
import dev.tasklane.desktop.service.reminders.ReminderNotice;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * macOS Notification Center through {@code osascript}. AppleScript notifications have no action
 * buttons, so the in-app popup (shown alongside by {@link CombinedNotifier}) carries them.
 */
public final class MacNotifier implements Notifier {

    @Override
    public void show(ReminderNotice notice) throws NotificationException {
        String script = "display notification " + quote(notice.body()) + " with title \"Tasklane\" subtitle " + quote(notice.title());
        try {
            Process process = new ProcessBuilder(List.of("osascript", "-e", script)).redirectErrorStream(true).start();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new NotificationException("osascript failed", null);
            }
        } catch (IOException e) {
            throw new NotificationException("osascript is not available", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationException("interrupted while notifying", e);
        }
    }

    /** AppleScript string literal: backslashes and quotes escaped. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String name() {
        return "macos";
    }
}

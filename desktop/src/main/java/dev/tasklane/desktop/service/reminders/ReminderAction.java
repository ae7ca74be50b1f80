package dev.tasklane.desktop.service.reminders;

import java.util.Optional;

/** What the user can do from a reminder popup. The key is the action id sent to the OS. */
public enum ReminderAction {
    OPEN("open", "Open"),
    SNOOZE_10_MINUTES("snooze-10m", "Snooze 10 min"),
    SNOOZE_1_HOUR("snooze-1h", "Snooze 1 h"),
    SNOOZE_TOMORROW("snooze-tomorrow", "Tomorrow"),
    COMPLETE("complete", "Complete");

    private final String key;
    private final String label;

    ReminderAction(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<ReminderAction> byKey(String key) {
        for (ReminderAction action : values()) {
            if (action.key.equals(key)) {
                return Optional.of(action);
            }
        }
        // Notification servers send "default" when the popup body itself is clicked.
        return "default".equals(key) ? Optional.of(OPEN) : Optional.empty();
    }
}

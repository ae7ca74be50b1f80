package dev.tasklane.desktop.service.reminders;

import java.util.UUID;

/** Receives what the user chose in a reminder popup. */
@FunctionalInterface
public interface ReminderActionHandler {
    void handle(UUID taskId, ReminderAction action);
}

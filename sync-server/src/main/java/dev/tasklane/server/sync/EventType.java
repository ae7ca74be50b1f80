package dev.tasklane.server.sync;

import dev.tasklane.core.merge.Register;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;

/** The CloudEvents type of a change, decided by what the change did to the task. */
public enum EventType {
    CREATED("task.created"),
    UPDATED("task.updated"),
    COMPLETED("task.completed"),
    DELETED("task.deleted");

    private final String type;

    EventType(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    /** Created when the task had no title before; deleted or completed when that flag turned on; else updated. */
    public static EventType of(TaskState before, TaskState after) {
        if (!before.fields().containsKey(TaskField.TITLE) && after.fields().containsKey(TaskField.TITLE)) {
            return CREATED;
        }
        if (turnedOn(before, after, TaskField.DELETED, "true")) {
            return DELETED;
        }
        if (!value(after, TaskField.COMPLETED_AT).isEmpty() && value(before, TaskField.COMPLETED_AT).isEmpty()) {
            return COMPLETED;
        }
        return UPDATED;
    }

    private static boolean turnedOn(TaskState before, TaskState after, TaskField field, String on) {
        return value(after, field).equals(on) && !value(before, field).equals(on);
    }

    private static String value(TaskState state, TaskField field) {
        Register register = state.fields().get(field);
        return register == null ? "" : register.value();
    }
}

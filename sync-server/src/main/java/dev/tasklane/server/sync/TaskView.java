package dev.tasklane.server.sync;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shape of a task for REST clients and event consumers: the same text encodings as the
 * sync protocol, {@code null} where unset.
 */
public final class TaskView {

    private TaskView() {
    }

    public static Map<String, Object> of(Task task) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", task.id().toString());
        view.put("title", task.title());
        view.put("notes", task.notes());
        view.put("priority", task.priority().name().toLowerCase(Locale.ROOT));
        view.put("tags", task.tags());
        view.put("due", task.due().map(Due::encode).orElse(null));
        view.put("reminder", task.reminder().map(Reminder::encode).orElse(null));
        view.put("recurrence", task.recurrence().map(Recurrence::encode).orElse(null));
        // Which series and occurrence this is ("<series id>#<n>"): the recurrence service continues the series from it.
        view.put("series", task.series().map(dev.tasklane.core.task.SeriesLink::encode).orElse(null));
        view.put("completed", task.completed());
        view.put("completedAt", task.completedAt().map(Instant::toString).orElse(null));
        view.put("deleted", task.deleted());
        view.put("createdAt", task.createdAt().toString());
        view.put("updatedAt", task.updatedAt().toString());
        return view;
    }

    /**
     * Writes the same object as {@link #of} straight to a generator: the outbox writes one per
     * mutation, and building a map to serialize it cost about a tenth of a push's CPU.
     * {@code TaskChangedTest} holds the two to the same JSON.
     */
    static void write(JsonGenerator out, Task task) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", task.id().toString());
        out.writeStringField("title", task.title());
        out.writeStringField("notes", task.notes());
        out.writeStringField("priority", task.priority().name().toLowerCase(Locale.ROOT));
        out.writeArrayFieldStart("tags");
        for (String tag : task.tags()) {
            out.writeString(tag);
        }
        out.writeEndArray();
        out.writeStringField("due", task.due().map(Due::encode).orElse(null));
        out.writeStringField("reminder", task.reminder().map(Reminder::encode).orElse(null));
        out.writeStringField("recurrence", task.recurrence().map(Recurrence::encode).orElse(null));
        out.writeStringField("series", task.series().map(dev.tasklane.core.task.SeriesLink::encode).orElse(null));
        out.writeBooleanField("completed", task.completed());
        out.writeStringField("completedAt", task.completedAt().map(Instant::toString).orElse(null));
        out.writeBooleanField("deleted", task.deleted());
        out.writeStringField("createdAt", task.createdAt().toString());
        out.writeStringField("updatedAt", task.updatedAt().toString());
        out.writeEndObject();
    }
}

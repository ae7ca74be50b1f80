package dev.tasklane.consumers.kit.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level fields of an event's data that consumers read on every event, as text: each is
 * {@code null} unless the data has it as a JSON string; {@code changedFields} holds the text of
 * each element of the {@code changedFields} array (empty when there is no array). Picked out of
 * the JSON while it is read ({@link TaskEventFormat}), or from a tree ({@link #of}) — the two give
 * the same fields for the same data ({@code TaskEventFormatTest}).
 */
record DataFields(String userId, String taskId, String deviceId, List<String> changedFields) {

    DataFields {
        changedFields = List.copyOf(changedFields);
    }

    static DataFields of(JsonNode data) {
        List<String> changed = new ArrayList<>();
        JsonNode array = data.path("changedFields");
        if (array.isArray()) {
            array.forEach(field -> changed.add(field.isValueNode() ? field.asText() : ""));
        }
        return new DataFields(text(data, "userId"), text(data, "taskId"), text(data, "deviceId"), changed);
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}

package dev.tasklane.consumers.audit.log;

import com.fasterxml.jackson.databind.JsonNode;

/** One field's change in a history entry: its value before and after, as in the REST task shape (null where unset). */
public record FieldChange(String field, JsonNode from, JsonNode to) {
}

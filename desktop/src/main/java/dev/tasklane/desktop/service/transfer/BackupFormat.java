package dev.tasklane.desktop.service.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tasklane's full backup: every live task (open and completed) with every field, in the same text
 * encodings the sync protocol uses ({@link TaskField}), so a restore gives back exactly the tasks
 * that were saved. Versioned: {@code {"format": "tasklane-backup", "version": 1, "tasks": [...]}}.
 */
final class BackupFormat {

    static final String FORMAT = "tasklane-backup";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BackupFormat() {
    }

    static void write(List<Task> tasks, Instant now, Writer out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("exportedAt", now.toString());
        ArrayNode array = root.putArray("tasks");
        for (Task task : tasks) {
            ObjectNode node = array.addObject();
            node.put("id", task.id().toString());
            for (TaskField field : TaskField.values()) {
                if (field != TaskField.DELETED) {
                    node.put(field.wireName(), field.read(task));
                }
            }
            ArrayNode tags = node.putArray("tags");
            task.tags().forEach(tags::add);
        }
        JSON.writeValue(out, root);
    }

    static Parsed read(String text) throws ImportFileException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ImportFileException("This is not a readable JSON file (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "). Nothing was imported.", e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new ImportFileException("This JSON file is not a Tasklane backup (it has no \"format\": \"" + FORMAT
                    + "\"). Nothing was imported.");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new ImportFileException("This backup is format version " + root.path("version").asText("?")
                    + "; this Tasklane reads version " + VERSION + ". Nothing was imported.");
        }
        JsonNode array = root.path("tasks");
        if (!array.isArray()) {
            throw new ImportFileException("This backup has no list of tasks. Nothing was imported.");
        }
        List<Task> tasks = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        int position = 0;
        for (JsonNode node : array) {
            position++;
            String label = "task " + position + (node.path("title").isTextual() ? " “" + node.path("title").asText() + "”" : "");
            try {
                Task task = task(node);
                if (!seen.add(task.id())) {
                    skipped.add(new Skipped(label, "appears twice in the backup; the first one was imported"));
                    continue;
                }
                tasks.add(task);
            } catch (ValidationException e) {
                skipped.add(new Skipped(label, e.errors().getFirst().message()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                skipped.add(new Skipped(label, e.getMessage()));
            }
        }
        return new Parsed(tasks, skipped);
    }

    private static Task task(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a task object");
        }
        UUID id = UUID.fromString(required(node, "id"));
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        Instant created = Instant.parse(required(node, TaskField.CREATED_AT.wireName()));
        return new Task(id, required(node, TaskField.TITLE.wireName()), optional(node, TaskField.NOTES).orElse(""),
                optional(node, TaskField.PRIORITY).map(p -> Priority.parse(p)
                        .orElseThrow(() -> new IllegalArgumentException("priority is none, low, medium or high: " + p))).orElse(Priority.NONE),
                tags,
                optional(node, TaskField.DUE).map(Due::parse),
                optional(node, TaskField.REMINDER).map(Reminder::parse),
                optional(node, TaskField.RECURRENCE).map(Recurrence::parse),
                optional(node, TaskField.SERIES).map(SeriesLink::parse),
                optional(node, TaskField.COMPLETED_AT).map(Instant::parse),
                false, created, created);
    }

    private static String required(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("has no " + name);
        }
        return value.asText();
    }

    /** A field in its sync encoding; "" (or absent) is "not set". */
    private static Optional<String> optional(JsonNode node, TaskField field) {
        JsonNode value = node.path(field.wireName());
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}

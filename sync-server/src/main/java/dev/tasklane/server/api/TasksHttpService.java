package dev.tasklane.server.api;

import dev.tasklane.server.auth.Authenticator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.FieldError;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Tags;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import dev.tasklane.server.auth.AuthenticatedUser;
import dev.tasklane.server.sync.SyncService;
import dev.tasklane.server.sync.TaskView;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code /api/v1/tasks}: the REST view for scripts and other clients. Every write becomes a
 * mutation made with the server's own clock and goes through the same merge, change counter and
 * outbox as a device push, so REST clients and desktops converge. A task that belongs to another
 * user, or is deleted, is a 404.
 */
public final class TasksHttpService implements io.helidon.webserver.http.HttpService {

    private static final Set<String> FIELDS = Set.of("title", "notes", "priority", "tags", "due", "reminder", "recurrence");
    private static final int PAGE_MAX = 500;

    private final SyncService sync;
    private final Authenticator authenticator;
    private final Json json;
    private final HybridLogicalClock clock;
    private final InstantSource time;
    private final RateLimitGuard limits;

    public TasksHttpService(SyncService sync, Authenticator authenticator, Json json, HybridLogicalClock clock, InstantSource time,
                            RateLimitGuard limits) {
        this.limits = limits;
        this.sync = sync;
        this.authenticator = authenticator;
        this.json = json;
        this.clock = clock;
        this.time = time;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .get("/{id}", this::get)
                .patch("/{id}", this::update)
                .delete("/{id}", this::delete)
                .post("/{id}/complete", this::complete);
    }

    private void list(ServerRequest request, ServerResponse response) {
        AuthenticatedUser user = authenticator.require(request);
        var query = request.query();
        List<Predicate<Task>> filters = new ArrayList<>();
        query.first("completed").asOptional().ifPresent(v -> filters.add(t -> t.completed() == parseBoolean("completed", v)));
        query.first("tag").asOptional().ifPresent(v -> filters.add(t -> t.tags().stream().anyMatch(tag -> Tags.key(tag).equals(Tags.key(v)))));
        query.first("priority").asOptional().ifPresent(v -> {
            Priority priority = Priority.parse(v).orElseThrow(() -> ApiException.badRequest("invalid_query", "priority is none, low, medium or high."));
            filters.add(t -> t.priority() == priority);
        });
        query.first("dueFrom").asOptional().ifPresent(v -> {
            LocalDate from = parseDate("dueFrom", v);
            filters.add(t -> t.due().map(d -> !d.date().isBefore(from)).orElse(false));
        });
        query.first("dueTo").asOptional().ifPresent(v -> {
            LocalDate to = parseDate("dueTo", v);
            filters.add(t -> t.due().map(d -> !d.date().isAfter(to)).orElse(false));
        });
        query.first("q").asOptional().ifPresent(v -> {
            String text = v.toLowerCase(Locale.ROOT);
            filters.add(t -> (t.title() + "\n" + t.notes() + "\n" + String.join("\n", t.tags())).toLowerCase(Locale.ROOT).contains(text));
        });
        Comparator<Task> order = switch (query.first("sort").asOptional().orElse("due")) {
            case "due" -> Comparator.comparing((Task t) -> t.due().map(d -> d.sortInstant(java.time.ZoneOffset.UTC)).orElse(Instant.MAX));
            case "priority" -> Comparator.comparing(Task::priority).reversed();
            case "created" -> Comparator.comparing(Task::createdAt).reversed();
            case "title" -> Comparator.comparing(t -> t.title().toLowerCase(Locale.ROOT));
            default -> throw ApiException.badRequest("invalid_query", "sort is due, priority, created or title.");
        };
        int limit = parseInt("limit", query.first("limit").asOptional().orElse("50"), 1, PAGE_MAX);
        int offset = parseInt("offset", query.first("offset").asOptional().orElse("0"), 0, Integer.MAX_VALUE);
        List<Task> matching = sync.states(user.userId()).stream()
                .flatMap(state -> state.toTask().stream())
                .filter(t -> !t.deleted())
                .filter(filters.stream().reduce(t -> true, Predicate::and))
                .sorted(order.thenComparing(Task::id))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", matching.stream().skip(offset).limit(limit).map(TaskView::of).toList());
        body.put("total", matching.size());
        body.put("limit", limit);
        body.put("offset", offset);
        response.send(json.write(body));
    }

    private void get(ServerRequest request, ServerResponse response) {
        AuthenticatedUser user = authenticator.require(request);
        response.send(json.write(TaskView.of(shown(find(user, request)))));
    }

    private void create(ServerRequest request, ServerResponse response) {
        AuthenticatedUser user = authenticator.require(request);
        limits.write(user.userId());
        ObjectNode body = json.readObject(request);
        if (!body.has("title")) {
            throw ApiException.invalid(List.of(new FieldError("title", "required", "Enter a title.")));
        }
        Instant now = time.instant();
        UUID id = TaskIds.newTaskId();
        // Start from a placeholder title so a bad title is reported with every other bad field.
        Task task = applyFields(Task.create(id, "untitled", now), body);
        Task stored = write(user, TaskState.empty(id), task);
        response.status(Status.CREATED_201);
        response.header(HeaderNames.LOCATION, "/api/v1/tasks/" + id);
        response.send(json.write(TaskView.of(stored)));
    }

    /** PATCH writes only the fields in the body: the rest stay as any device left them. */
    private void update(ServerRequest request, ServerResponse response) {
        AuthenticatedUser user = authenticator.require(request);
        limits.write(user.userId());
        TaskState state = find(user, request);
        ObjectNode body = json.readObject(request);
        response.send(json.write(TaskView.of(write(user, state, applyFields(shown(state), body)))));
    }

    private void delete(ServerRequest request, ServerResponse response) {
        AuthenticatedUser user = authenticator.require(request);
        limits.write(user.userId());
        TaskState state = find(user, request);
        write(user, state, shown(state).withDeleted(true));
        response.status(Status.NO_CONTENT_204).send();
    }

    private void complete(ServerRequest request, ServerResponse response) {
        AuthenticatedUser user = authenticator.require(request);
        limits.write(user.userId());
        TaskState state = find(user, request);
        Task current = shown(state);
        Task done = current.completed() ? current : write(user, state, current.withCompletedAt(Optional.of(time.instant())));
        response.send(json.write(TaskView.of(done)));
    }

    /**
     * Writes the fields where {@code after} differs from {@code before} (the state the request
     * read), stamped above every clock in it: a device's clock may run minutes ahead of the
     * server's, and a REST edit must not lose to the older value it replaces.
     */
    private Task write(AuthenticatedUser user, TaskState before, Task after) {
        TaskState state = sync.apply(user.userId(), Mutations.between(before, after, clock.tickAfter(before.latestClock()),
                TaskIds.newMutationId()));
        return state.toTask().orElseThrow();
    }

    private static Task shown(TaskState state) {
        return state.toTask().orElseThrow();
    }

    /** The state of the live task named in the path, read once per request. */
    private TaskState find(AuthenticatedUser user, ServerRequest request) {
        String raw = request.path().pathParameters().get("id");
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_id", "\"" + raw + "\" is not a task id (a UUID).");
        }
        return sync.state(user.userId(), id).filter(state -> state.toTask().filter(t -> !t.deleted()).isPresent())
                .orElseThrow(() -> ApiException.notFound("No task " + id + "."));
    }

    /** Applies the given JSON fields to a task; every bad field is reported, nothing is saved. */
    private static Task applyFields(Task task, ObjectNode body) {
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown_field", "Unknown field \"" + name + "\"; allowed: " + FIELDS + "."));
            }
        });
        // Parse each field on its own (so one response lists every bad field), then build the
        // task once, so rules that span fields (a repeat needs a due) see the final combination.
        String title = parsed(body, "title", errors, task.title(), () -> checked(TaskField.TITLE, textOf(body, "title")));
        String notes = parsed(body, "notes", errors, task.notes(), () -> checked(TaskField.NOTES, textOf(body, "notes")));
        Priority priority = parsed(body, "priority", errors, task.priority(), () -> Priority.parse(textOf(body, "priority"))
                .orElseThrow(() -> ValidationException.of("priority", "invalid_priority", "Priority is none, low, medium or high.")));
        List<String> tags = parsed(body, "tags", errors, task.tags(), () -> {
            JsonNode node = body.get("tags");
            if (!node.isArray()) {
                throw ValidationException.of("tags", "wrong_type", "tags is an array of strings.");
            }
            List<String> values = new ArrayList<>();
            node.forEach(tag -> values.add(tag.asText()));
            return values;
        });
        Optional<Due> due = parsed(body, "due", errors, task.due(), () -> optional(body, "due", Due::parse));
        Optional<Reminder> reminder = parsed(body, "reminder", errors, task.reminder(), () -> optional(body, "reminder", Reminder::parse));
        Optional<Recurrence> recurrence = parsed(body, "recurrence", errors, task.recurrence(),
                () -> optional(body, "recurrence", Recurrence::parse));
        Task result = task;
        if (errors.isEmpty()) {
            try {
                result = new Task(task.id(), title, notes, priority, tags, due, reminder, recurrence, task.series(),
                        task.completedAt(), task.deleted(), task.createdAt(), task.updatedAt());
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return result;
    }

    private static <T> T parsed(ObjectNode body, String name, List<FieldError> errors, T current,
                                java.util.function.Supplier<T> parse) {
        if (!body.has(name)) {
            return current;
        }
        try {
            return parse.get();
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            return current;
        }
    }

    private static String checked(TaskField field, String value) {
        field.validate(value);
        return value;
    }

    private static String textOf(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw ValidationException.of(field, "wrong_type", field + " is a string.");
        }
        return node.asText();
    }

    private static <T> Optional<T> optional(ObjectNode body, String field, java.util.function.Function<String, T> parser) {
        JsonNode node = body.get(field);
        if (node.isNull() || node.asText().isEmpty()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ValidationException.of(field, "wrong_type", field + " is a string or null.");
        }
        try {
            return Optional.of(parser.apply(node.asText()));
        } catch (ValidationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, "invalid_value", String.valueOf(e.getMessage()));
        }
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("invalid_query", name + " is true or false.");
        };
    }

    private static LocalDate parseDate(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_query", name + " is a date like 2026-12-01.");
        }
    }

    private static int parseInt(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest("invalid_query", name + " is between " + min + " and " + max + ".");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_query", name + " is a whole number.");
        }
    }
}

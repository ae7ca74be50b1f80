package dev.tasklane.consumers.recurrence;

import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.handling.EventHandler;
import dev.tasklane.consumers.kit.handling.HandlingFailure;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import dev.tasklane.consumers.recurrence.occurrence.EventTasks;
import dev.tasklane.consumers.recurrence.occurrence.OccurrencePlan;
import dev.tasklane.consumers.recurrence.server.OccurrenceClient;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.task.Task;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * On {@code task.completed} of a repeating task: the next occurrence, created on the sync server if
 * absent. Every other event is ignored. Idempotent twice over: the same event always plans the
 * same occurrence (same id, same mutation id), and the server creates it only if absent.
 */
public final class RecurrenceHandler implements EventHandler {

    public static final String CREATED = "tasklane_recurrence_created_total";
    public static final String PRESENT = "tasklane_recurrence_already_present_total";
    public static final String ENDED = "tasklane_recurrence_series_ended_total";

    private final OccurrenceClient server;
    private final ZoneId zone;
    private final ServiceMetrics metrics;

    public RecurrenceHandler(OccurrenceClient server, ZoneId zone, ServiceMetrics metrics) {
        this.server = server;
        this.zone = zone;
        this.metrics = metrics;
        metrics.describe(CREATED, "Next occurrences this service created");
        metrics.describe(PRESENT, "Next occurrences that already existed (created by a device, or a redelivery)");
        metrics.describe(ENDED, "Completed repeating tasks whose series had ended (COUNT/UNTIL)");
        metrics.count(CREATED, 0);
        metrics.count(PRESENT, 0);
        metrics.count(ENDED, 0);
    }

    @Override
    public void handle(TaskEvent event) {
        if (!TaskEvent.COMPLETED.equals(event.type())) {
            return;
        }
        UUID userId = event.userId().orElseThrow(() -> new HandlingFailure.PoisonEvent("event " + event.id() + " has no data.userId"));
        if (event.task().isEmpty()) {
            return; // a partial state (an edit that overtook its create) has no snapshot yet; its create event carries it
        }
        Task completed;
        try {
            completed = EventTasks.read(event.task().get());
        } catch (IllegalArgumentException e) {
            throw new HandlingFailure.PoisonEvent("event " + event.id() + ": " + e.getMessage(), e);
        }
        if (completed.recurrence().isEmpty()) {
            return;
        }
        Optional<Mutation> next = OccurrencePlan.next(completed, zone);
        if (next.isEmpty()) {
            metrics.count(ENDED, 1);
            return;
        }
        switch (server.createIfAbsent(userId, completed.id(), next.get())) {
            case CREATED -> metrics.count(CREATED, 1);
            case ALREADY_PRESENT -> metrics.count(PRESENT, 1);
        }
    }
}

package dev.tasklane.consumers.kit.handling;

import dev.tasklane.consumers.kit.event.TaskEvent;
import java.util.List;

/**
 * A service's work for its events. When a call returns, the work must be durable (committed,
 * acknowledged): the consumer commits the offset right after. It must be idempotent, because a
 * crash between the work and the commit delivers the event again.
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * @throws HandlingFailure.DependencyUnavailable to pause and retry without limit
     * @throws HandlingFailure.PoisonEvent           to dead-letter at once
     */
    void handle(TaskEvent event);

    /**
     * Handles a batch; a handler that can do it in one transaction overrides this for throughput.
     * When it throws anything but {@link HandlingFailure.DependencyUnavailable}, the events are
     * handled one by one, so a single bad event is isolated.
     */
    default void handleAll(List<TaskEvent> events) {
        events.forEach(this::handle);
    }
}

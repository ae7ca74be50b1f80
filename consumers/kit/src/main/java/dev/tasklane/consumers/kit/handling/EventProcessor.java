package dev.tasklane.consumers.kit.handling;

import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a service's {@link EventHandler} with the failure rules every consumer shares, for the
 * Kafka loop and the Dapr endpoint alike: a plain failure is retried with backoff up to
 * {@link RetryPolicy#maxAttempts()} and then dead-lettered; a poison event is dead-lettered at
 * once; a missing dependency is reported as {@link Outcome.Unavailable} so the caller pauses and
 * tries the same event again later (it is never dead-lettered).
 */
public final class EventProcessor {

    private static final Logger LOG = Logger.getLogger(EventProcessor.class.getName());

    public static final String PROCESSED = "tasklane_consumer_processed_total";
    public static final String FAILED = "tasklane_consumer_failed_total";
    public static final String DEAD_LETTERED = "tasklane_consumer_dead_lettered_total";
    public static final String UNAVAILABLE = "tasklane_consumer_dependency_unavailable_total";

    /** What became of one event. */
    public sealed interface Outcome {
        /** The work is durable. */
        record Handled() implements Outcome {
        }

        /** Give up on the event: it goes to the dead-letter topic. */
        record DeadLetter(Throwable cause, int attempts) implements Outcome {
        }

        /** A dependency is away: try the same event again later. */
        record Unavailable(Throwable cause) implements Outcome {
        }
    }

    private final EventHandler handler;
    private final RetryPolicy retry;
    private final ServiceMetrics metrics;
    private final BooleanSupplier running;

    /**
     * @param running false once shutdown began: retries stop waiting and report {@link Outcome.Unavailable},
     *                so the event is redelivered rather than dead-lettered by a shutdown
     */
    public EventProcessor(EventHandler handler, RetryPolicy retry, ServiceMetrics metrics, BooleanSupplier running) {
        this.handler = handler;
        this.retry = retry;
        this.metrics = metrics;
        this.running = running;
        metrics.describe(PROCESSED, "Events handled (work durable)");
        metrics.describe(FAILED, "Handling attempts that failed (each retry counts)");
        metrics.describe(DEAD_LETTERED, "Events sent to the dead-letter topic");
        metrics.describe(UNAVAILABLE, "Times work paused because a dependency was away");
        metrics.count(PROCESSED, 0);
        metrics.count(FAILED, 0);
        metrics.count(DEAD_LETTERED, 0);
        metrics.count(UNAVAILABLE, 0);
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** Handles one event under the retry rules. */
    public Outcome process(TaskEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                handler.handle(event);
                metrics.count(PROCESSED, 1);
                return new Outcome.Handled();
            } catch (HandlingFailure.DependencyUnavailable e) {
                metrics.count(UNAVAILABLE, 1);
                return new Outcome.Unavailable(e);
            } catch (HandlingFailure.PoisonEvent e) {
                metrics.count(FAILED, 1);
                return new Outcome.DeadLetter(e, attempt);
            } catch (RuntimeException e) {
                metrics.count(FAILED, 1);
                if (attempt >= retry.maxAttempts()) {
                    LOG.log(Level.WARNING, "event " + event.id() + " failed " + attempt + " times; dead-lettering it", e);
                    return new Outcome.DeadLetter(e, attempt);
                }
                if (!pause(retry.backoff(attempt))) {
                    return new Outcome.Unavailable(e);
                }
            }
        }
    }

    /**
     * Handles a batch: first in one call to {@link EventHandler#handleAll}, and when that fails
     * for any reason but a missing dependency, one by one so a bad event is isolated.
     *
     * @return one outcome per event, in order; after the first {@link Outcome.Unavailable} the
     *         remaining events are reported unavailable too (they must be redelivered in order)
     */
    public List<Outcome> processAll(List<TaskEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        try {
            handler.handleAll(events);
            metrics.count(PROCESSED, events.size());
            return events.stream().map(e -> (Outcome) new Outcome.Handled()).toList();
        } catch (HandlingFailure.DependencyUnavailable e) {
            metrics.count(UNAVAILABLE, 1);
            return events.stream().map(ignored -> (Outcome) new Outcome.Unavailable(e)).toList();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "batch failed; handling its events one by one", e);
        }
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (TaskEvent event : events) {
            Outcome outcome = outcomes.isEmpty() || !(outcomes.getLast() instanceof Outcome.Unavailable)
                    ? process(event) : outcomes.getLast();
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** Sleeps unless shutdown began; false when it did. */
    private boolean pause(Duration wait) {
        if (!running.getAsBoolean()) {
            return false;
        }
        try {
            Thread.sleep(wait);
            return running.getAsBoolean();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

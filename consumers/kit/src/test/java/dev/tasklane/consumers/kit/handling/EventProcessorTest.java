package dev.tasklane.consumers.kit.handling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.handling.EventProcessor.Outcome;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventProcessorTest {

    private final ServiceMetrics metrics = new ServiceMetrics("test");
    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(4));

    private static TaskEvent event(String id) {
        return new TaskEvent(id, TaskEvent.UPDATED, "task", Instant.EPOCH, new ObjectMapper().createObjectNode());
    }

    @Test
    void aPlainFailureIsRetriedThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        EventProcessor processor = new EventProcessor(e -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("flaky");
            }
        }, retry, metrics, () -> true);

        assertThat(processor.process(event("a"))).isEqualTo(new Outcome.Handled());
        assertThat(calls).hasValue(3);
        assertThat(metrics.counter(EventProcessor.FAILED)).isEqualTo(2);
    }

    @Test
    void aFailureThatOutlastsTheAttemptsIsDeadLettered() {
        IllegalStateException failure = new IllegalStateException("always");
        EventProcessor processor = new EventProcessor(e -> {
            throw failure;
        }, retry, metrics, () -> true);

        assertThat(processor.process(event("a"))).isEqualTo(new Outcome.DeadLetter(failure, 3));
    }

    @Test
    void aPoisonEventIsDeadLetteredWithoutRetry() {
        AtomicInteger calls = new AtomicInteger();
        EventProcessor processor = new EventProcessor(e -> {
            calls.incrementAndGet();
            throw new HandlingFailure.PoisonEvent("bad");
        }, retry, metrics, () -> true);

        assertThat(processor.process(event("a"))).isInstanceOf(Outcome.DeadLetter.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aMissingDependencyIsNeverDeadLettered() {
        EventProcessor processor = new EventProcessor(e -> {
            throw new HandlingFailure.DependencyUnavailable("db down", null);
        }, retry, metrics, () -> true);

        assertThat(processor.process(event("a"))).isInstanceOf(Outcome.Unavailable.class);
    }

    @Test
    void aShutdownDuringRetriesLeavesTheEventForRedelivery() {
        EventProcessor processor = new EventProcessor(e -> {
            throw new IllegalStateException("flaky");
        }, retry, metrics, () -> false);

        assertThat(processor.process(event("a"))).isInstanceOf(Outcome.Unavailable.class);
    }

    @Test
    void aBadEventInABatchIsIsolatedAndTheOthersAreHandled() {
        List<String> handled = new ArrayList<>();
        EventProcessor processor = new EventProcessor(new EventHandler() {
            @Override
            public void handle(TaskEvent event) {
                if (event.id().equals("bad")) {
                    throw new HandlingFailure.PoisonEvent("bad");
                }
                handled.add(event.id());
            }

            @Override
            public void handleAll(List<TaskEvent> events) {
                events.forEach(e -> {
                    if (e.id().equals("bad")) {
                        throw new HandlingFailure.PoisonEvent("bad");
                    }
                });
                events.forEach(this::handle);
            }
        }, retry, metrics, () -> true);

        List<Outcome> outcomes = processor.processAll(List.of(event("a"), event("bad"), event("c")));

        assertThat(outcomes).extracting(o -> o.getClass().getSimpleName()).containsExactly("Handled", "DeadLetter", "Handled");
        assertThat(handled).containsExactly("a", "c");
    }

    @Test
    void afterAnUnavailableEventTheRestOfTheBatchWaitsToKeepOrder() {
        List<String> handled = new ArrayList<>();
        EventProcessor processor = new EventProcessor(e -> {
            if (e.id().equals("b")) {
                throw new HandlingFailure.DependencyUnavailable("down", null);
            }
            if (e.id().equals("a")) {
                throw new HandlingFailure.PoisonEvent("force one-by-one");
            }
            handled.add(e.id());
        }, retry, metrics, () -> true);

        List<Outcome> outcomes = processor.processAll(List.of(event("a"), event("b"), event("c")));

        assertThat(outcomes).extracting(o -> o.getClass().getSimpleName()).containsExactly("DeadLetter", "Unavailable", "Unavailable");
        assertThat(handled).isEmpty();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(1));

        assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(4)))
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofSeconds(1));
    }
}

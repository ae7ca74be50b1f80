package dev.tasklane.consumers.recurrence;

import dev.tasklane.consumers.kit.ConsumerService;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import dev.tasklane.consumers.recurrence.server.OccurrenceClient;
import java.util.List;

/** The running recurrence service. {@link Main} starts it from the environment. */
public final class RecurrenceService implements AutoCloseable {

    private final ConsumerService consumer;
    private final ServiceMetrics metrics;

    private RecurrenceService(ConsumerService consumer, ServiceMetrics metrics) {
        this.consumer = consumer;
        this.metrics = metrics;
    }

    public static RecurrenceService start(RecurrenceSettings settings) {
        ServiceMetrics metrics = new ServiceMetrics("recurrence");
        RecurrenceHandler handler = new RecurrenceHandler(
                new OccurrenceClient(settings.syncInternalUrl(), settings.serviceToken()), settings.zone(), metrics);
        ConsumerService consumer = ConsumerService.start(settings.consumer(), handler, metrics, List.of(), Main::routing);
        return new RecurrenceService(consumer, metrics);
    }

    public int port() {
        return consumer.port();
    }

    public ServiceMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package dev.tasklane.consumers.kit.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.kit.event.MalformedEvent;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.event.TaskEventFormat;
import dev.tasklane.consumers.kit.handling.EventProcessor;
import dev.tasklane.consumers.kit.handling.EventProcessor.Outcome;
import dev.tasklane.consumers.kit.handling.HandlingFailure;
import dev.tasklane.consumers.kit.kafka.DeadLetters;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Dapr {@code pubsub.kafka} subscriber path: {@code GET /dapr/subscribe} declares the
 * subscription programmatically, and Dapr then POSTs each CloudEvent to {@code /dapr/events}.
 * The event goes through the same {@link EventProcessor} as a Kafka record, and the answer is
 * Dapr's status: {@code SUCCESS} (done, or dead-lettered by us), {@code RETRY} (a dependency is
 * away: Dapr redelivers), {@code DROP} (poison and no dead-letter topic of our own; Dapr then
 * applies the subscription's {@code deadLetterTopic}).
 */
public final class DaprSubscriber implements HttpService {

    private static final Logger LOG = Logger.getLogger(DaprSubscriber.class.getName());
    public static final String ROUTE = "/dapr/events";

    private final String pubsubName;
    private final String topic;
    private final String deadLetterTopic;
    private final EventProcessor processor;
    private final Optional<DeadLetters> deadLetters;
    private final ServiceMetrics metrics;
    private final TaskEventFormat format = new TaskEventFormat();
    private final ObjectMapper mapper = new ObjectMapper();

    public DaprSubscriber(String pubsubName, String topic, String deadLetterTopic, EventProcessor processor,
                          Optional<DeadLetters> deadLetters, ServiceMetrics metrics) {
        this.pubsubName = pubsubName;
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/dapr/subscribe", this::subscribe)
                .post(ROUTE, this::deliver);
    }

    private void subscribe(ServerRequest request, ServerResponse response) {
        send(response, List.of(Map.of("pubsubname", pubsubName, "topic", topic, "route", ROUTE,
                "deadLetterTopic", deadLetterTopic)));
    }

    private void deliver(ServerRequest request, ServerResponse response) {
        byte[] body = request.content().as(byte[].class);
        String status;
        try {
            TaskEvent event = format.parse(body);
            status = switch (processor.process(event)) {
                case Outcome.Handled handled -> "SUCCESS";
                case Outcome.Unavailable unavailable -> "RETRY";
                case Outcome.DeadLetter(Throwable cause, int attempts) -> deadLetter(body, event.subject(), cause, attempts);
            };
        } catch (MalformedEvent e) {
            metrics.count(EventProcessor.FAILED, 1);
            status = deadLetter(body, null, e, 1);
        }
        send(response, Map.of("status", status));
    }

    private String deadLetter(byte[] body, String key, Throwable cause, int attempts) {
        if (deadLetters.isEmpty()) {
            LOG.warning("dropping a poison Dapr delivery (Dapr dead-letters it): " + cause.getMessage());
            return "DROP";
        }
        try {
            deadLetters.get().send(new DeadLetters.Origin(topic, -1, -1, key, body, List.of()), cause, attempts);
            metrics.count(EventProcessor.DEAD_LETTERED, 1);
            return "SUCCESS";
        } catch (HandlingFailure.DependencyUnavailable e) {
            return "RETRY";
        }
    }

    private void send(ServerResponse response, Object body) {
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        try {
            response.send(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

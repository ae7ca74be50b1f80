package dev.tasklane.consumers.kit;

import dev.tasklane.connections.KafkaConnection;
import dev.tasklane.consumers.kit.handling.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings every consumer service shares, read from environment variables (12-factor) with
 * documented defaults; see docs/operations.md.
 *
 * @param service        the service's name ({@code reminders}, {@code recurrence}, {@code audit}): group id suffix, metrics label, DLQ header
 * @param port           {@code TASKLANE_PORT}: health, metrics, Dapr and internal HTTP (0 picks a free port)
 * @param kafka          {@code TASKLANE_KAFKA_BOOTSTRAP} and the SASL/TLS settings ({@link dev.tasklane.connections.KafkaSecurity},
 *                       the server's); empty runs the service Dapr-only (events arrive over HTTP)
 * @param topic          {@code TASKLANE_KAFKA_TOPIC}, default {@code task-events}
 * @param deadLetterTopic {@code TASKLANE_DLQ_TOPIC}, default {@code task-events.dlq}
 * @param groupId        {@code TASKLANE_CONSUMER_GROUP}, default {@code tasklane-<service>}
 * @param retry          {@code TASKLANE_MAX_ATTEMPTS} (default 4), {@code TASKLANE_RETRY_BACKOFF} (default PT0.2S)
 * @param daprPubsub     {@code TASKLANE_DAPR_PUBSUB}, the Dapr pub/sub component name, default {@code pubsub}
 * @param host           {@code TASKLANE_HOST}, the address to listen on, default {@code 0.0.0.0} (as a container needs);
 *                       the local stack uses {@code 127.0.0.1}
 * @param batchSize      {@code TASKLANE_BATCH_SIZE}: most records one batch holds (one poll, one commit), default
 *                       {@value #DEFAULT_BATCH_SIZE} or the service's own (audit: 2,000 — docs/benchmarks.md)
 * @param transport      {@code TASKLANE_EVENTS_TRANSPORT}: {@code kafka} (default) runs the consumer loop; {@code dapr}
 *                       leaves it off and takes events only from a Dapr sidecar's deliveries (Kafka, when configured,
 *                       still carries dead letters and, for reminders, the emitted events), so no event is worked twice
 */
public record ConsumerSettings(String service, int port, Optional<KafkaConnection> kafka, String topic, String deadLetterTopic,
                               String groupId, RetryPolicy retry, String daprPubsub, String host,
                               int batchSize, Transport transport) {

    /** Records per batch unless a service or {@code TASKLANE_BATCH_SIZE} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /** Where events come from. */
    public enum Transport { KAFKA, DAPR }

    public static ConsumerSettings fromEnvironment(String service, int defaultPort, Map<String, String> env) {
        return fromEnvironment(service, defaultPort, DEFAULT_BATCH_SIZE, env);
    }

    public static ConsumerSettings fromEnvironment(String service, int defaultPort, int defaultBatchSize, Map<String, String> env) {
        return new ConsumerSettings(service,
                Integer.parseInt(env.getOrDefault("TASKLANE_PORT", Integer.toString(defaultPort))),
                KafkaConnection.fromEnvironment(env),
                env.getOrDefault("TASKLANE_KAFKA_TOPIC", "task-events"),
                env.getOrDefault("TASKLANE_DLQ_TOPIC", "task-events.dlq"),
                env.getOrDefault("TASKLANE_CONSUMER_GROUP", "tasklane-" + service),
                new RetryPolicy(wholeNumber(env, "TASKLANE_MAX_ATTEMPTS", 4, 1, 20),
                        Duration.parse(env.getOrDefault("TASKLANE_RETRY_BACKOFF", "PT0.2S")), Duration.ofSeconds(5)),
                env.getOrDefault("TASKLANE_DAPR_PUBSUB", "pubsub"),
                env.getOrDefault("TASKLANE_HOST", "0.0.0.0"),
                wholeNumber(env, "TASKLANE_BATCH_SIZE", defaultBatchSize, 1, 10_000),
                transport(env.getOrDefault("TASKLANE_EVENTS_TRANSPORT", "kafka")));
    }

    /** The same settings on another port (tests and the local stack pick ports). */
    public ConsumerSettings withPort(int newPort) {
        return new ConsumerSettings(service, newPort, kafka, topic, deadLetterTopic, groupId, retry, daprPubsub, host, batchSize, transport);
    }

    /** The variable's whole number, which must lie in {@code [min, max]}; the error names the variable. */
    private static int wholeNumber(Map<String, String> env, String variable, int fallback, int min, int max) {
        String text = env.getOrDefault(variable, Integer.toString(fallback));
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number, not " + text);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(variable + " must be between " + min + " and " + max + ", not " + text);
        }
        return value;
    }

    private static Transport transport(String name) {
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "kafka" -> Transport.KAFKA;
            case "dapr" -> Transport.DAPR;
            default -> throw new IllegalArgumentException("TASKLANE_EVENTS_TRANSPORT must be kafka or dapr, not " + name);
        };
    }
}

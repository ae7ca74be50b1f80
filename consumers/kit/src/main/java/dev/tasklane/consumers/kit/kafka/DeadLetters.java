package dev.tasklane.consumers.kit.kafka;

import dev.tasklane.consumers.kit.handling.HandlingFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import dev.tasklane.connections.KafkaConnection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events a service gives up on to the dead-letter topic ({@code task-events.dlq}): the
 * original key, value and headers, plus headers naming the error, the service and where the
 * record came from, so an operator can inspect and replay it (docs/operations.md).
 */
public final class DeadLetters implements AutoCloseable {

    public static final String ERROR = "tasklane.dlq.error";
    public static final String ERROR_CLASS = "tasklane.dlq.error-class";
    public static final String SERVICE = "tasklane.dlq.service";
    public static final String ORIGINAL_TOPIC = "tasklane.dlq.topic";
    public static final String ORIGINAL_PARTITION = "tasklane.dlq.partition";
    public static final String ORIGINAL_OFFSET = "tasklane.dlq.offset";
    public static final String ATTEMPTS = "tasklane.dlq.attempts";

    /** Where a dead-lettered event came from: a Kafka record, or a Dapr delivery (partition and offset -1). */
    public record Origin(String topic, int partition, long offset, String key, byte[] value, Iterable<Header> headers) {
    }

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String service;

    public DeadLetters(KafkaConnection kafka, String topic, String service) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        // A dead letter counts as written only when every in-sync replica has it: the source offset is committed after.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Fail fast when Kafka is away; the consumer then pauses on the record instead of losing it.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.service = service;
    }

    public String topic() {
        return topic;
    }

    /**
     * Writes one dead letter and waits for Kafka's acknowledgement.
     *
     * @throws HandlingFailure.DependencyUnavailable when Kafka did not take it (the source offset must not be committed)
     */
    public void send(Origin origin, Throwable cause, int attempts) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, origin.key(), origin.value());
        if (origin.headers() != null) {
            origin.headers().forEach(header -> record.headers().add(header));
        }
        header(record, ERROR, String.valueOf(cause.getMessage()));
        header(record, ERROR_CLASS, cause.getClass().getName());
        header(record, SERVICE, service);
        header(record, ORIGINAL_TOPIC, origin.topic());
        header(record, ORIGINAL_PARTITION, Integer.toString(origin.partition()));
        header(record, ORIGINAL_OFFSET, Long.toString(origin.offset()));
        header(record, ATTEMPTS, Integer.toString(attempts));
        try {
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new HandlingFailure.DependencyUnavailable("the dead-letter topic is unavailable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandlingFailure.DependencyUnavailable("interrupted while dead-lettering", e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        // Error messages can be long (stack-less, but SQL text): keep headers small.
        String bounded = value.length() > 2_000 ? value.substring(0, 2_000) : value;
        record.headers().add(name, bounded.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

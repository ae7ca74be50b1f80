package dev.tasklane.consumers.kit.kafka;

import dev.tasklane.connections.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replays dead letters: reads {@code task-events.dlq} and publishes each record's original key and
 * value back to the topic it came from (its {@code tasklane.dlq.topic} header), with the original
 * headers and a {@code tasklane.replayed-from} header naming the dead letter. Progress is kept in
 * its own consumer group ({@code tasklane-dlq-replay}), so a dead letter is replayed once; it stops
 * when it has caught up. Every consumer is idempotent, so the other services simply see an event
 * again. See docs/operations.md.
 *
 * <p>{@code TASKLANE_KAFKA_BOOTSTRAP=… java -cp … dev.tasklane.consumers.kit.kafka.DeadLetterReplay [service]}
 * — with a service name (argument or {@code TASKLANE_DLQ_SERVICE}), only that service's dead
 * letters are replayed (the others are skipped, and stay readable by any other group).
 */
public final class DeadLetterReplay {

    public static final String REPLAYED_FROM = "tasklane.replayed-from";

    private DeadLetterReplay() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        KafkaConnection kafka = KafkaConnection.fromEnvironment(env)
                .orElseThrow(() -> new IllegalArgumentException("set TASKLANE_KAFKA_BOOTSTRAP"));
        long replayed = replay(kafka, env.getOrDefault("TASKLANE_DLQ_TOPIC", "task-events.dlq"),
                args.length > 0 ? Optional.of(args[0])
                        : Optional.of(env.getOrDefault("TASKLANE_DLQ_SERVICE", "")).filter(name -> !name.isBlank()),
                "tasklane-dlq-replay");
        System.out.println("replayed " + replayed + " dead letters");
    }

    /**
     * Replays until caught up.
     *
     * @param service only dead letters of this service, when given
     * @param groupId the consumer group that keeps the replay's progress
     * @return how many dead letters were published again
     */
    public static long replay(KafkaConnection kafka, String deadLetterTopic, Optional<String> service, String groupId) {
        Properties consumerProps = new Properties();
        consumerProps.putAll(kafka.clientProperties());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Properties producerProps = new Properties();
        producerProps.putAll(kafka.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        long replayed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps)) {
            consumer.subscribe(List.of(deadLetterTopic));
            int idlePolls = 0;
            while (idlePolls < 5) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    idlePolls++;
                    continue;
                }
                idlePolls = 0;
                for (ConsumerRecord<String, byte[]> letter : records) {
                    if (service.isPresent() && !service.get().equals(header(letter, DeadLetters.SERVICE))) {
                        continue;
                    }
                    String topic = Optional.ofNullable(header(letter, DeadLetters.ORIGINAL_TOPIC)).orElse("task-events");
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, letter.key(), letter.value());
                    for (Header header : letter.headers()) {
                        if (!header.key().startsWith("tasklane.dlq.")) {
                            record.headers().add(header);
                        }
                    }
                    record.headers().add(REPLAYED_FROM, (letter.topic() + "-" + letter.partition() + "@" + letter.offset())
                            .getBytes(StandardCharsets.UTF_8));
                    try {
                        producer.send(record).get(15, TimeUnit.SECONDS);
                    } catch (ExecutionException | TimeoutException e) {
                        throw new IllegalStateException("Kafka did not take a replayed event; nothing was committed past it", e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                    replayed++;
                }
                // Only after every replayed record was acknowledged.
                consumer.commitSync();
            }
        }
        return replayed;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

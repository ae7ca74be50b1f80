package dev.tasklane.consumers.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.connections.KafkaConnection;
import dev.tasklane.connections.KafkaSecurity;
import java.util.Optional;
import dev.tasklane.consumers.kit.handling.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsumerLoopPropertiesTest {

    @Test
    void saslSslSettingsReachTheKafkaConsumerNextToTheLoopsOwn() {
        KafkaConnection kafka = new KafkaConnection("kafka.example:25073",
                new KafkaSecurity("SASL_SSL", "SCRAM-SHA-256", "tasklane-consumers", "pw", Optional.of("/ca/kafka.crt")));

        var props = ConsumerLoop.properties(new ConsumerLoop.Settings(kafka, "task-events", "tasklane-audit", "client-1", 2_000));

        assertThat(props).containsEntry("bootstrap.servers", "kafka.example:25073")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/ca/kafka.crt")
                .containsEntry("group.id", "tasklane-audit")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("max.poll.records", 2_000);
    }

    @Test
    void kafkaWaitsLongEnoughForABatchOfFailingEventsHandledOneByOne() {
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5));

        // 0.1 s of work plus 0.2 + 0.4 + 0.8 s of backoff per event, plus a minute.
        assertThat(ConsumerLoop.maxPollInterval(2_000, retry)).isEqualTo(Duration.ofMillis(2_000 * 1_500).plusMinutes(1));
        assertThat(ConsumerLoop.maxPollInterval(10, retry)).as("Kafka's default when that is longer").isEqualTo(Duration.ofMinutes(5));
        // The most the settings allow (10,000 records, 20 attempts, 5 s backoffs) would be days (and
        // past Kafka's int of milliseconds): capped at an hour, after which the batch goes to the next member.
        assertThat(ConsumerLoop.maxPollInterval(10_000, new RetryPolicy(20, Duration.ofSeconds(5), Duration.ofSeconds(5))))
                .isEqualTo(Duration.ofHours(1));
    }
}

package dev.tasklane.consumers.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.connections.KafkaConnection;
import dev.tasklane.connections.KafkaSecurity;
import java.util.Optional;
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
}

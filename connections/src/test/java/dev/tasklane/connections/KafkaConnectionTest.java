package dev.tasklane.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    private static final Map<String, String> MANAGED = Map.of(
            "TASKLANE_KAFKA_BOOTSTRAP", "kafka.example:25073",
            "TASKLANE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "TASKLANE_KAFKA_USERNAME", "doadmin",
            "TASKLANE_KAFKA_PASSWORD", "pa\"ss",
            "TASKLANE_KAFKA_CA_FILE", "/etc/tasklane/kafka/ca.crt");

    @Test
    void managedKafkaGetsSaslSslScramWithThePemCa() {
        Map<String, Object> props = KafkaConnection.fromEnvironment(MANAGED).orElseThrow().clientProperties();

        assertThat(props).containsEntry("bootstrap.servers", "kafka.example:25073")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"doadmin\" password=\"pa\\\"ss\";")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/tasklane/kafka/ca.crt")
                .containsEntry("ssl.endpoint.identification.algorithm", "https");
    }

    @Test
    void noBootstrapMeansNoKafka() {
        assertThat(KafkaConnection.fromEnvironment(Map.of("TASKLANE_KAFKA_BOOTSTRAP", "  "))).isEmpty();
    }

    @Test
    void localBrokerIsPlaintextWithoutSasl() {
        assertThat(KafkaConnection.fromEnvironment(Map.of("TASKLANE_KAFKA_BOOTSTRAP", "localhost:9092")))
                .map(KafkaConnection::clientProperties)
                .hasValue(Map.of("bootstrap.servers", "localhost:9092", "security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslWithoutPasswordIsRefusedAtStart() {
        assertThatThrownBy(() -> KafkaConnection.fromEnvironment(Map.of("TASKLANE_KAFKA_BOOTSTRAP", "k:1",
                "TASKLANE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "TASKLANE_KAFKA_USERNAME", "u")))
                .hasMessageContaining("TASKLANE_KAFKA_PASSWORD");
    }

    @Test
    void passwordNeverPrinted() {
        assertThat(KafkaConnection.fromEnvironment(MANAGED).map(Object::toString)).isNotEqualTo(Optional.empty())
                .get().asString().doesNotContain("pa\"ss");
    }
}

package dev.tasklane.consumers.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    /** What the chart sets on a consumer against the managed Kafka (docs/operations.md). */
    private static Map<String, String> managed() {
        Map<String, String> env = new HashMap<>();
        env.put("TASKLANE_KAFKA_BOOTSTRAP", "kafka.example:25073");
        env.put("TASKLANE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("TASKLANE_KAFKA_USERNAME", "tasklane-consumers");
        env.put("TASKLANE_KAFKA_PASSWORD", "secret-pw");
        env.put("TASKLANE_KAFKA_CA_FILE", "/etc/tasklane/ca/kafka-ca.crt");
        return env;
    }

    @Test
    void kafkaSecurityFromTheEnvironmentReachesTheSettings() {
        ConsumerSettings settings = ConsumerSettings.fromEnvironment("audit", 8093, managed());

        assertThat(settings.kafka().orElseThrow().clientProperties())
                .containsEntry("bootstrap.servers", "kafka.example:25073")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("ssl.truststore.location", "/etc/tasklane/ca/kafka-ca.crt");
        assertThat(settings.toString()).doesNotContain("secret-pw");
    }

    @Test
    void transportIsKafkaUnlessDaprIsAskedFor() {
        Map<String, String> dapr = managed();
        dapr.put("TASKLANE_EVENTS_TRANSPORT", "dapr");
        Map<String, String> typo = managed();
        typo.put("TASKLANE_EVENTS_TRANSPORT", "grpc");

        assertThat(ConsumerSettings.fromEnvironment("audit", 8093, managed()).transport()).isEqualTo(ConsumerSettings.Transport.KAFKA);
        assertThat(ConsumerSettings.fromEnvironment("audit", 8093, dapr).transport()).isEqualTo(ConsumerSettings.Transport.DAPR);
        assertThatThrownBy(() -> ConsumerSettings.fromEnvironment("audit", 8093, typo)).hasMessageContaining("TASKLANE_EVENTS_TRANSPORT");
    }

    @Test
    void theBatchSizeIsTheServicesOwnUnlessTheEnvironmentSaysAndMustBeSane() {
        Map<String, String> set = managed();
        set.put("TASKLANE_BATCH_SIZE", "750");

        assertThat(ConsumerSettings.fromEnvironment("reminders", 8091, managed()).batchSize()).isEqualTo(ConsumerSettings.DEFAULT_BATCH_SIZE);
        assertThat(ConsumerSettings.fromEnvironment("audit", 8093, 2_000, managed()).batchSize()).isEqualTo(2_000);
        assertThat(ConsumerSettings.fromEnvironment("audit", 8093, 2_000, set).batchSize()).isEqualTo(750);
        for (String bad : List.of("0", "-5", "lots", "10001")) {
            set.put("TASKLANE_BATCH_SIZE", bad);
            assertThatThrownBy(() -> ConsumerSettings.fromEnvironment("audit", 8093, set))
                    .hasMessageContaining("TASKLANE_BATCH_SIZE").hasMessageContaining(bad);
        }
        Map<String, String> attempts = managed();
        for (String bad : List.of("0", "21", "many")) {
            attempts.put("TASKLANE_MAX_ATTEMPTS", bad);
            assertThatThrownBy(() -> ConsumerSettings.fromEnvironment("audit", 8093, attempts))
                    .hasMessageContaining("TASKLANE_MAX_ATTEMPTS").hasMessageContaining(bad);
        }
    }

    @Test
    void daprTransportRunsNoKafkaConsumerLoopEvenWithKafkaConfigured() {
        Map<String, String> env = new HashMap<>(Map.of("TASKLANE_KAFKA_BOOTSTRAP", "127.0.0.1:1", "TASKLANE_PORT", "0",
                "TASKLANE_HOST", "127.0.0.1", "TASKLANE_EVENTS_TRANSPORT", "dapr"));
        ConsumerSettings settings = ConsumerSettings.fromEnvironment("audit", 8093, env);

        // With a consumer loop, "consuming" waits for a partition assignment, which no broker at port 1 gives.
        try (ConsumerService service = ConsumerService.start(settings, event -> { }, new ServiceMetrics("audit"), List.of(), routing -> { })) {
            assertThat(service.consuming()).isTrue();
        }
    }
}

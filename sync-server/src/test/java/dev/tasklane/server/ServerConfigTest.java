package dev.tasklane.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.server.auth.JwtSecrets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    private final String secret = JwtSecrets.generate();

    @Test
    void withoutKafkaOrRedisSettingsThoseAreAbsentAndTheDefaultsApply() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("TASKLANE_JWT_SECRET", secret));

        assertThat(config.kafka()).isEmpty();
        assertThat(config.redis()).isEmpty();
        assertThat(config.listener()).isEqualTo(new ServerConfig.Listener("0.0.0.0", 8080));
        assertThat(config.database()).isEqualTo(new ServerConfig.Database("jdbc:postgresql://localhost:5432/tasklane", "tasklane", "", 10));
        assertThat(config.tokens().accessTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.tokens().refreshTtl()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void eachGroupReadsItsOwnVariables() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("TASKLANE_JWT_SECRET", secret, "TASKLANE_PORT", "9000",
                "TASKLANE_HOST", "127.0.0.1", "TASKLANE_DB_POOL", "4", "TASKLANE_KAFKA_BOOTSTRAP", "kafka:9092",
                "TASKLANE_KAFKA_TOPIC", "events", "TASKLANE_REDIS_URL", "redis://redis:6379", "TASKLANE_ACCESS_TOKEN_TTL", "PT5M"));

        assertThat(config.listener()).isEqualTo(new ServerConfig.Listener("127.0.0.1", 9000));
        assertThat(config.database().pool()).isEqualTo(4);
        assertThat(config.kafka()).hasValueSatisfying(kafka -> {
            assertThat(kafka.bootstrap()).isEqualTo("kafka:9092");
            assertThat(kafka.topic()).isEqualTo("events");
        });
        assertThat(config.redis()).hasValueSatisfying(redis -> assertThat(redis.url()).isEqualTo("redis://redis:6379"));
        assertThat(config.tokens().accessTtl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aBlankKafkaOrRedisSettingMeansOff() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("TASKLANE_JWT_SECRET", secret, "TASKLANE_KAFKA_BOOTSTRAP", " ",
                "TASKLANE_REDIS_URL", ""));

        assertThat(config.kafka()).isEmpty();
        assertThat(config.redis()).isEmpty();
    }

    @Test
    void theStartUpLineNeverShowsThePasswordOrTheSecret() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("TASKLANE_JWT_SECRET", secret,
                "TASKLANE_DB_PASSWORD", "database-password-42"));

        assertThat(config.toString()).contains("pool=10").doesNotContain("database-password-42", secret);
    }
}

package dev.tasklane.connections;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Kafka cluster is and how to talk to it: the part every Kafka client of the server and
 * the consumer services shares.
 *
 * @param bootstrapServers {@code TASKLANE_KAFKA_BOOTSTRAP}, e.g. {@code localhost:9092}
 * @param security         see {@link KafkaSecurity}
 */
public record KafkaConnection(String bootstrapServers, KafkaSecurity security) {

    public KafkaConnection {
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("a Kafka connection needs bootstrap servers");
        }
    }

    /** A local broker without authentication (the stack and the tests). */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, KafkaSecurity.PLAINTEXT);
    }

    /** Empty when {@code TASKLANE_KAFKA_BOOTSTRAP} is unset or blank (Kafka is then off). */
    public static Optional<KafkaConnection> fromEnvironment(Map<String, String> env) {
        String bootstrap = env.getOrDefault("TASKLANE_KAFKA_BOOTSTRAP", "").strip();
        return bootstrap.isEmpty() ? Optional.empty() : Optional.of(new KafkaConnection(bootstrap, KafkaSecurity.fromEnvironment(env)));
    }

    /** Bootstrap servers plus the security settings: the base of every producer, consumer and admin client. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(security.clientProperties());
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}

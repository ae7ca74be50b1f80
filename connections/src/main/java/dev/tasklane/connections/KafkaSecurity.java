package dev.tasklane.connections;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the Kafka clients authenticate and encrypt, from the environment (docs/operations.md).
 * The managed Kafka on DigitalOcean takes SASL_SSL with SCRAM-SHA-256 and a cluster CA given as
 * PEM; the local stack takes PLAINTEXT.
 *
 * @param protocol      {@code TASKLANE_KAFKA_SECURITY_PROTOCOL}: PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism {@code TASKLANE_KAFKA_SASL_MECHANISM}: SCRAM-SHA-256 (default), SCRAM-SHA-512 or PLAIN
 * @param username      {@code TASKLANE_KAFKA_USERNAME}, required with SASL
 * @param password      {@code TASKLANE_KAFKA_PASSWORD}, required with SASL
 * @param caFile        {@code TASKLANE_KAFKA_CA_FILE}: PEM file of the CA that signed the brokers'
 *                      certificates; empty trusts the JDK's public CAs
 */
public record KafkaSecurity(String protocol, String saslMechanism, String username, String password,
                            Optional<String> caFile) {

    /** No authentication, no TLS: the local stack and the tests' broker. */
    public static final KafkaSecurity PLAINTEXT = new KafkaSecurity("PLAINTEXT", "SCRAM-SHA-256", "", "", Optional.empty());

    public KafkaSecurity {
        if (!java.util.Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
            throw new IllegalArgumentException("TASKLANE_KAFKA_SECURITY_PROTOCOL must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, not " + protocol);
        }
        if (usesSasl(protocol)) {
            if (!java.util.Set.of("SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN").contains(saslMechanism)) {
                throw new IllegalArgumentException("TASKLANE_KAFKA_SASL_MECHANISM must be SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN, not " + saslMechanism);
            }
            if (username.isBlank() || password.isEmpty()) {
                throw new IllegalArgumentException("set TASKLANE_KAFKA_USERNAME and TASKLANE_KAFKA_PASSWORD for " + protocol);
            }
        }
    }

    public static KafkaSecurity fromEnvironment(Map<String, String> env) {
        String ca = env.getOrDefault("TASKLANE_KAFKA_CA_FILE", "");
        return new KafkaSecurity(env.getOrDefault("TASKLANE_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"),
                env.getOrDefault("TASKLANE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256"),
                env.getOrDefault("TASKLANE_KAFKA_USERNAME", ""),
                env.getOrDefault("TASKLANE_KAFKA_PASSWORD", ""),
                ca.isBlank() ? Optional.empty() : Optional.of(ca));
    }

    /** The client settings (producer, consumer and admin alike) for this security mode. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("security.protocol", protocol);
        if (usesSasl(protocol)) {
            props.put("sasl.mechanism", saslMechanism);
            String module = saslMechanism.startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            props.put("sasl.jaas.config", module + " required username=\"" + jaasQuoted(username)
                    + "\" password=\"" + jaasQuoted(password) + "\";");
        }
        if (protocol.endsWith("SSL")) {
            // Host names are checked against the certificates (the client default, stated on purpose).
            props.put("ssl.endpoint.identification.algorithm", "https");
            caFile.ifPresent(file -> {
                // Kafka reads a PEM bundle directly: no keystore conversion in the container.
                props.put("ssl.truststore.type", "PEM");
                props.put("ssl.truststore.location", file);
            });
        }
        return props;
    }

    private static boolean usesSasl(String protocol) {
        return protocol.startsWith("SASL_");
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        // Never print the password.
        return "KafkaSecurity[protocol=" + protocol + ", saslMechanism=" + saslMechanism + ", username=" + username
                + ", caFile=" + caFile.orElse("") + "]";
    }
}

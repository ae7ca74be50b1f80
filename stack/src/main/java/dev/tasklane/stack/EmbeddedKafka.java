package dev.tasklane.stack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka 4 broker + controller (KRaft) in this JVM, replication factor 1. Storage is
 * formatted on first start and kept in {@code dataDirectory}, so a stop and start (a "Kafka
 * outage") keeps every record.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final java.util.Optional<SaslSslListener> saslSsl;
    private KafkaRaftServer server;

    /**
     * A second listener speaking SASL_SSL with SCRAM-SHA-256, as DigitalOcean's managed Kafka does.
     *
     * @param keyStore         PKCS#12 file with the broker's key and certificate chain
     * @param username         the one SCRAM user, created when the storage is formatted
     */
    public record SaslSslListener(int port, Path keyStore, String keyStorePassword, String username, String password) {
    }

    public EmbeddedKafka(Path dataDirectory, int port, int controllerPort) {
        this(dataDirectory, port, controllerPort, java.util.Optional.empty());
    }

    public EmbeddedKafka(Path dataDirectory, int port, int controllerPort, java.util.Optional<SaslSslListener> saslSsl) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslSsl = saslSsl;
    }

    /** host:port of the SASL_SSL listener, when there is one. */
    public String saslSslBootstrapServers() {
        return "localhost:" + saslSsl.orElseThrow().port();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        Map<String, String> props = properties();
        try {
            Files.createDirectories(dataDirectory);
            if (!Files.exists(dataDirectory.resolve("meta.properties"))) {
                Path config = Files.createTempFile("kafka-server", ".properties");
                StringBuilder text = new StringBuilder();
                props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
                Files.writeString(config, text);
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                java.util.List<String> format = new java.util.ArrayList<>(java.util.List.of("format", "-t", "tasklane-local-cluster0",
                        "-c", config.toString(), "--standalone"));
                // SCRAM credentials live in the cluster metadata; KRaft takes them at format time.
                saslSsl.ifPresent(listener -> format.addAll(java.util.List.of("--add-scram",
                        "SCRAM-SHA-256=[name=" + listener.username() + ",password=" + listener.password() + "]")));
                int status = StorageTool.execute(format.toArray(String[]::new), new PrintStream(output, true, StandardCharsets.UTF_8));
                if (status != 0) {
                    throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot prepare Kafka storage in " + dataDirectory, e);
        }
        server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        return this;
    }

    private Map<String, String> properties() {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDirectory.toAbsolutePath().toString());
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        saslSsl.ifPresent(listener -> {
            // Brokers talk to themselves over PLAINTEXT; clients use the SASL_SSL listener.
            props.put("listeners", props.get("listeners") + ",SASL_SSL://localhost:" + listener.port());
            props.put("advertised.listeners", props.get("advertised.listeners") + ",SASL_SSL://localhost:" + listener.port());
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
            props.put("sasl.enabled.mechanisms", "SCRAM-SHA-256");
            props.put("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
            props.put("listener.name.sasl_ssl.ssl.keystore.location", listener.keyStore().toAbsolutePath().toString());
            props.put("listener.name.sasl_ssl.ssl.keystore.password", listener.keyStorePassword());
            props.put("listener.name.sasl_ssl.ssl.key.password", listener.keyStorePassword());
        });
        return props;
    }

    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}

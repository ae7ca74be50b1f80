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
    private KafkaRaftServer server;

    public EmbeddedKafka(Path dataDirectory, int port, int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
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
                int status = StorageTool.execute(new String[] {"format", "-t", "tasklane-local-cluster0", "-c", config.toString(),
                        "--standalone"}, new PrintStream(output, true, StandardCharsets.UTF_8));
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

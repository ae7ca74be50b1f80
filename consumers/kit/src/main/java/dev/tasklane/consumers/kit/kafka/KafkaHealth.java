package dev.tasklane.consumers.kit.kafka;

import dev.tasklane.connections.KafkaConnection;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Readiness probe for Kafka: can the cluster be described within two seconds? */
public final class KafkaHealth implements AutoCloseable {

    private final Admin admin;

    public KafkaHealth(KafkaConnection kafka) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        // A probe must answer quickly either way.
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        this.admin = Admin.create(props);
    }

    public boolean reachable() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

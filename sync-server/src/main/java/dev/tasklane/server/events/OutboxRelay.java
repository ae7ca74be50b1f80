package dev.tasklane.server.events;

import dev.tasklane.connections.KafkaSecurity;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes outbox rows to Kafka, oldest first, and marks them sent once Kafka acknowledged them.
 *
 * <p>Only one replica relays at a time: the leader holds a PostgreSQL session advisory lock on a
 * dedicated connection, which keeps per-task order (rows are sent in outbox order by one producer).
 * If Kafka is down, sends time out, rows stay unsent and are retried; pushes never wait for Kafka.
 * Delivery is at least once: a crash between Kafka's ack and the "sent" mark re-sends a row with
 * the same event id, which consumers dedupe.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    /** Arbitrary but fixed: the advisory lock key that elects the relay leader. */
    private static final long LEADER_LOCK = 0x7461736b6c616e65L;
    private static final int BATCH = 2_000;

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration idleWait;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;
    private volatile long published;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, String topic, Duration idleWait) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.topic = topic;
        this.idleWait = idleWait;
    }

    /** A producer configured for the relay, without authentication (local stack). */
    public static Producer<String, byte[]> producer(String bootstrapServers) {
        return producer(bootstrapServers, KafkaSecurity.PLAINTEXT);
    }

    /** A producer configured for the relay; each setting says why. */
    public static Producer<String, byte[]> producer(String bootstrapServers, KafkaSecurity security) {
        Properties props = new Properties();
        props.putAll(security.clientProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // No duplicates or reordering from producer retries within a session.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // An event counts as published only when every in-sync replica has it.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Fail a send within seconds when Kafka is down, so the relay can back off; rows wait in PostgreSQL.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        // Small linger: batches form under load without delaying a lone event noticeably.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Starts relaying on a virtual thread. */
    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        thread = Thread.ofVirtual().name("outbox-relay").start(this::run);
    }

    /** Events published since start (metrics). */
    public long published() {
        return published;
    }

    private void run() {
        while (running.get()) {
            try (Connection lockConnection = dataSource.getConnection()) {
                if (!tryLead(lockConnection)) {
                    sleep(idleWait.multipliedBy(5));
                    continue;
                }
                LOG.info("outbox relay is the leader");
                try {
                    while (running.get() && lockConnection.isValid(2)) {
                        try {
                            if (relayBatch() == 0) {
                                sleep(idleWait);
                            }
                        } catch (KafkaUnavailable e) {
                            LOG.log(Level.WARNING, "Kafka unavailable; events wait in the outbox: " + e.getMessage());
                            sleep(Duration.ofSeconds(1));
                        }
                    }
                } finally {
                    // The pool keeps the connection open: release the session lock explicitly.
                    unlock(lockConnection);
                }
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "outbox relay lost the database; retrying", e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private static void unlock(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, LEADER_LOCK);
            statement.execute();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "advisory unlock failed; the lock ends with the session", e);
        }
    }

    private static boolean tryLead(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, LEADER_LOCK);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** Sends one batch of unsent rows and marks those Kafka acknowledged. Returns how many were sent. */
    int relayBatch() throws SQLException {
        record Row(long id, UUID eventId, UUID taskId, String type, String data, Timestamp createdAt) {
        }
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id, event_id, task_id, type, data, created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
            select.setInt(1, BATCH);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getObject(2, UUID.class), result.getObject(3, UUID.class),
                            result.getString(4), result.getString(5), result.getTimestamp(6)));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Row row : rows) {
            byte[] value = TaskEvents.serialize(TaskEvents.event(row.eventId(), row.type(), row.taskId(),
                    row.createdAt().toInstant().atOffset(ZoneOffset.UTC), row.data()));
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, row.taskId().toString(), value);
            record.headers().add("content-type", TaskEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            try {
                acks.add(producer.send(record));
            } catch (RuntimeException e) {
                throw new KafkaUnavailable(e);
            }
        }
        // Mark only the prefix Kafka acknowledged, so order is kept and nothing unacked is marked.
        int acknowledged = 0;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(15, TimeUnit.SECONDS);
                acknowledged++;
            } catch (ExecutionException | TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (acknowledged > 0) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement mark = connection.prepareStatement(
                         "UPDATE outbox SET sent_at = now() WHERE id = ANY (?)")) {
                Long[] ids = rows.subList(0, acknowledged).stream().map(Row::id).toArray(Long[]::new);
                mark.setArray(1, connection.createArrayOf("bigint", ids));
                mark.executeUpdate();
            }
            published += acknowledged;
        }
        if (acknowledged < rows.size()) {
            throw new KafkaUnavailable(new TimeoutException(rows.size() - acknowledged + " events not acknowledged"));
        }
        return acknowledged;
    }

    /** Unsent outbox rows (metrics: outbox lag). */
    public long lag() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka did not take or acknowledge a batch. */
    private static final class KafkaUnavailable extends RuntimeException {
        KafkaUnavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

}

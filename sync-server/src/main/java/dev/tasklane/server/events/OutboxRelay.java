package dev.tasklane.server.events;

import dev.tasklane.connections.KafkaSecurity;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Publishes outbox rows to Kafka, oldest first, and deletes them once Kafka acknowledged them.
 * Up to two batches are in flight at once, and the next batch is read while the oldest is being
 * acknowledged and marked ({@link #relayStep}). Each row holds its record value as the writer
 * encoded it (V10), so the relay sends bytes without parsing or encoding anything.
 *
 * <p>Only one replica relays at a time: the leader holds a PostgreSQL session advisory lock on a
 * dedicated connection, which keeps per-task order (rows are sent in outbox order by one producer).
 * If Kafka is down, sends time out, rows stay unsent and are retried; pushes never wait for Kafka.
 * A row is marked sent by deleting it ({@link OutboxRows#markSent}).
 * Delivery is at least once: a crash between Kafka's ack and the "sent" mark re-sends a row with
 * the same event id, which consumers dedupe.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    /** Arbitrary but fixed: the advisory lock key that elects the relay leader. */
    private static final long LEADER_LOCK = 0x7461736b6c616e65L;
    private static final int BATCH = 2_000;
    /** Batches sent and not yet settled: two keep Kafka busy while the relay reads, encodes and marks. */
    private static final int PIPELINE_DEPTH = 2;
    private static final byte[] CONTENT_TYPE_HEADER = TaskEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);

    private final DataSource dataSource;
    private final OutboxRows outbox;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration idleWait;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;
    private volatile long published;
    /** Sent batches, oldest first; touched only by the relay thread. */
    private final java.util.ArrayDeque<InFlight> pipeline = new java.util.ArrayDeque<>();
    /** Reads the next batch on its own connection while the relay thread settles the oldest one. */
    private final ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
    /** The next batch, being read: unsent rows not in {@link #pipeline} when the read began; null when none is. */
    private CompletableFuture<List<OutboxRows.Row>> nextBatch;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, String topic, Duration idleWait) {
        this.dataSource = dataSource;
        this.outbox = new OutboxRows(dataSource);
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
                            if (relayStep() == 0) {
                                sleep(idleWait);
                            }
                        } catch (KafkaUnavailable e) {
                            LOG.log(Level.WARNING, "Kafka unavailable; events wait in the outbox: " + e.getMessage());
                            sleep(Duration.ofSeconds(1));
                        }
                    }
                } finally {
                    // Whatever is in flight stays unsent in the table for the next leader.
                    giveUpInFlight();
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

    /** A batch sent to Kafka whose acknowledgements may still be outstanding; its rows are not marked sent yet. */
    private record InFlight(List<OutboxRows.Row> rows, List<Future<RecordMetadata>> acks) {
    }

    /**
     * One step of the pipeline: sends batches until {@link #PIPELINE_DEPTH} are in flight (or no
     * unsent row is left), starts reading the next batch, then settles the oldest: waits for its
     * acknowledgements and marks the acknowledged rows sent. So the next batch is read while Kafka
     * acknowledges and PostgreSQL deletes the oldest, and is sent as soon as the oldest is settled.
     *
     * <p>Order: batches are read in outbox order (leaving out rows in flight) and sent in that
     * order by one producer, so Kafka receives each task's events in outbox order. A batch read
     * ahead leaves out every row in flight when its read began, the oldest batch's included: those
     * are either acknowledged and deleted, or, after a failure, everything in flight and the batch
     * read ahead are given up and read again. Marking: a row is marked only after its own
     * acknowledgement, and only as part of the acknowledged prefix across the pipeline (at least
     * once: consumers dedupe by event id).
     *
     * @return rows marked sent; 0 when nothing was waiting
     */
    int relayStep() throws SQLException {
        while (pipeline.size() < PIPELINE_DEPTH) {
            List<OutboxRows.Row> rows = nextBatch != null ? readAhead() : outbox.unsent(BATCH, inFlightIds());
            if (rows.isEmpty()) {
                break;
            }
            pipeline.addLast(send(rows));
        }
        if (pipeline.isEmpty()) {
            return 0;
        }
        java.util.Set<Long> inFlight = inFlightIds();
        nextBatch = CompletableFuture.supplyAsync(() -> {
            try {
                return outbox.unsent(BATCH, inFlight);
            } catch (SQLException e) {
                throw new ReadFailed(e);
            }
        }, reader);
        InFlight oldest = pipeline.peekFirst();
        int acknowledged = acknowledgedPrefix(oldest.acks());
        if (acknowledged > 0) {
            outbox.markSent(oldest.rows().subList(0, acknowledged));
            published += acknowledged;
        }
        if (acknowledged < oldest.rows().size()) {
            giveUpInFlight(); // the rest stays unsent and is read again, in order
            throw new KafkaUnavailable(new TimeoutException(oldest.rows().size() - acknowledged + " events not acknowledged"));
        }
        pipeline.removeFirst();
        return acknowledged;
    }

    /** The batch read ahead, once read. */
    private List<OutboxRows.Row> readAhead() throws SQLException {
        CompletableFuture<List<OutboxRows.Row>> batch = nextBatch;
        nextBatch = null;
        try {
            return batch.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof ReadFailed failed) {
                throw failed.cause;
            }
            throw e;
        }
    }

    /** Forgets every batch in flight and the one read ahead: their rows stay unsent and are read again, in order. */
    private void giveUpInFlight() {
        pipeline.clear();
        if (nextBatch != null) {
            nextBatch.cancel(false); // a read still running just finishes; its rows are not used
            nextBatch = null;
        }
    }

    private java.util.Set<Long> inFlightIds() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (InFlight batch : pipeline) {
            for (OutboxRows.Row row : batch.rows()) {
                ids.add(row.id());
            }
        }
        return ids;
    }

    private InFlight send(List<OutboxRows.Row> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxRows.Row row : rows) {
            // The value as the writer encoded it (V10): nothing is parsed or encoded here.
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, row.taskId().toString(), row.value());
            record.headers().add("content-type", CONTENT_TYPE_HEADER);
            try {
                acks.add(producer.send(record));
            } catch (RuntimeException e) {
                giveUpInFlight();
                throw new KafkaUnavailable(e);
            }
        }
        return new InFlight(rows, acks);
    }

    /** How many acknowledgements, from the first, arrived (waiting for each); stops at the first failure. */
    private static int acknowledgedPrefix(List<Future<RecordMetadata>> acks) {
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
        return acknowledged;
    }

    /** Unsent outbox rows (metrics: outbox lag). */
    public long lag() {
        return outbox.lag();
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
            try {
                // Let a step in progress finish (it checks nothing mid-way, but steps are short);
                // an interrupt inside a JDBC call closes that pooled connection with a logged error.
                if (!thread.join(Duration.ofSeconds(2))) {
                    thread.interrupt();
                }
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
        reader.close();
    }

    /** Reading ahead failed: the relay thread rethrows the cause when it takes the batch. */
    private static final class ReadFailed extends RuntimeException {
        private final SQLException cause;

        ReadFailed(SQLException cause) {
            super(cause.getMessage(), cause);
            this.cause = cause;
        }
    }

    /** Kafka did not take or acknowledge a batch. */
    private static final class KafkaUnavailable extends RuntimeException {
        KafkaUnavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

}

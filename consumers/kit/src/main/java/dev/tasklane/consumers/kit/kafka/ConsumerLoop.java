package dev.tasklane.consumers.kit.kafka;

import dev.tasklane.connections.KafkaConnection;
import dev.tasklane.consumers.kit.event.MalformedEvent;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.event.TaskEventFormat;
import dev.tasklane.consumers.kit.handling.EventProcessor;
import dev.tasklane.consumers.kit.handling.EventProcessor.Outcome;
import dev.tasklane.consumers.kit.handling.HandlingFailure;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The consumer loop every service runs: poll {@code task-events}, parse, hand the batch to the
 * {@link EventProcessor}, dead-letter what it gives up on, and commit offsets only for records
 * whose work is durable (handled or dead-lettered and acknowledged).
 *
 * <p>When a dependency is away the loop seeks back to the first unfinished record of each
 * partition and polls again after a backoff: it stays in its group (polls continue), commits
 * nothing past the gap, and resumes where it stopped once the dependency is back. A shutdown
 * finishes the record in hand, commits, and leaves the group.
 */
public final class ConsumerLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class.getName());
    public static final String LAG = "tasklane_consumer_lag";
    public static final String RECEIVED = "tasklane_consumer_received_total";

    /** Where and as whom to consume. */
    public record Settings(KafkaConnection kafka, String topic, String groupId, String clientId) {
    }

    private final Settings settings;
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventProcessor processor;
    private final DeadLetters deadLetters;
    private final ServiceMetrics metrics;
    private final TaskEventFormat format = new TaskEventFormat();
    private final AtomicBoolean running;
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ReplayTrigger replay;
    private long nextReplayCheck;
    private volatile long lag;
    private volatile boolean assigned;
    private Thread thread;

    /**
     * @param running shared with the processor: false stops retries and the loop
     */
    public ConsumerLoop(Settings settings, EventProcessor processor, DeadLetters deadLetters, ServiceMetrics metrics,
                        AtomicBoolean running, ReplayTrigger replay) {
        this.settings = settings;
        this.replay = replay;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.running = running;
        this.consumer = new KafkaConsumer<>(properties(settings));
        metrics.gauge(LAG, "Records in the assigned partitions not yet consumed", () -> lag);
        // Records as they arrive from Kafka, before any work: with the processed counter it shows
        // whether a service keeps up, and the benchmark times ingest from the first record received.
        metrics.describe(RECEIVED, "Records received from Kafka (redeliveries after a pause count again)");
        metrics.count(RECEIVED, 0);
    }

    /** Consumer settings, each with its reason. */
    static Properties properties(Settings settings) {
        Properties props = new Properties();
        // Bootstrap servers plus SASL/TLS, the same for every client (docs/operations.md).
        props.putAll(settings.kafka().clientProperties());
        // One group per service: every replica of a service shares the partitions, each event is worked once per service.
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        // Offsets are committed by hand, only after the work is durable (at least once).
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts at the beginning of the topic: nothing published before the first start is missed,
        // and a wiped store (the reminders' Redis) is rebuilt by replaying from a fresh group.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Cooperative rebalancing: a replica joining or leaving moves only the partitions that must move,
        // the others keep consuming (no stop-the-world revocation).
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // A replica that dies without leaving (kill -9, OOM, node loss) holds its partitions until its session
        // expires; 10 s instead of the default 45 s lets a restarted or surviving replica take them over sooner
        // (ConsumerCrashTest). Heartbeats every 3 s keep a live replica well inside it.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        // Bounded batches keep a batch's work well inside max.poll.interval.ms even with retries.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // Read only committed records (the outbox relay's producer is idempotent, not transactional; this is future-proof).
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Starts consuming on its own thread. */
    public synchronized ConsumerLoop start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("consumer-" + settings.groupId()).start(this::run);
        }
        return this;
    }

    public boolean alive() {
        return thread != null && thread.isAlive();
    }

    /** True once the group gave this consumer partitions (tests wait for it). */
    public boolean assigned() {
        return assigned;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.topic()), new Rebalance());
            int pauses = 0;
            while (running.get()) {
                replayIfNeeded();
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                metrics.count(RECEIVED, records.count());
                boolean complete = handle(records);
                commitDoneAsync();
                updateLag();
                if (complete) {
                    pauses = 0;
                } else {
                    pauses++;
                    sleep(processor.retryPolicy().backoff(pauses));
                }
            }
        } catch (WakeupException e) {
            // close() was called.
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "consumer loop of " + settings.groupId() + " stopped", e);
        } finally {
            try {
                commitDone();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "final commit failed; the uncommitted records will be redelivered", e);
            }
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    /**
     * Handles one poll's records. Returns false when a dependency was away (the loop then backs off).
     */
    private boolean handle(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return true;
        }
        List<ConsumerRecord<String, byte[]>> parsed = new ArrayList<>();
        List<TaskEvent> events = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        records.forEach(all::add);
        // Parse first; malformed records are dead-lettered in place. Records are worked in poll
        // order, which keeps each partition's (each task's) order.
        Map<ConsumerRecord<String, byte[]>, Outcome> outcomes = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : all) {
            try {
                events.add(format.parse(record.value()));
                parsed.add(record);
            } catch (MalformedEvent e) {
                metrics.count(EventProcessor.FAILED, 1);
                outcomes.put(record, new Outcome.DeadLetter(e, 1));
            }
        }
        List<Outcome> results = processor.processAll(events);
        for (int i = 0; i < parsed.size(); i++) {
            outcomes.put(parsed.get(i), results.get(i));
        }
        Set<TopicPartition> blocked = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : all) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (blocked.contains(partition)) {
                continue;
            }
            Outcome outcome = outcomes.get(record);
            if (outcome instanceof Outcome.DeadLetter(Throwable cause, int attempts)) {
                try {
                    deadLetters.send(new DeadLetters.Origin(record.topic(), record.partition(), record.offset(), record.key(),
                            record.value(), record.headers()), cause, attempts);
                    metrics.count(EventProcessor.DEAD_LETTERED, 1);
                    LOG.warning("dead-lettered " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + cause.getMessage());
                } catch (HandlingFailure.DependencyUnavailable e) {
                    outcome = new Outcome.Unavailable(e);
                }
            }
            if (outcome instanceof Outcome.Unavailable(Throwable cause)) {
                // Come back to this record (and everything after it in its partition) later.
                blocked.add(partition);
                consumer.seek(partition, record.offset());
                LOG.log(Level.WARNING, "pausing " + partition + "@" + record.offset() + ": " + cause.getMessage());
                continue;
            }
            done.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        return blocked.isEmpty();
    }

    /** Checks the replay trigger every five seconds; on "needed", re-reads every assigned partition from the start. */
    private void replayIfNeeded() {
        long now = System.nanoTime();
        if (now < nextReplayCheck || consumer.assignment().isEmpty()) {
            return;
        }
        nextReplayCheck = now + Duration.ofSeconds(5).toNanos();
        replayNow(consumer.assignment());
    }

    private void replayNow(Collection<TopicPartition> partitions) {
        Set<Integer> needed;
        try {
            needed = replay.replayNeeded(partitions.stream().map(TopicPartition::partition).toList());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot tell whether a replay is needed; asking again later: " + e.getMessage());
            return;
        }
        List<TopicPartition> replayed = partitions.stream().filter(p -> needed.contains(p.partition())).toList();
        if (!replayed.isEmpty()) {
            LOG.warning(settings.groupId() + ": derived state is gone; replaying " + replayed + " from the beginning");
            done.keySet().removeAll(replayed);
            consumer.seekToBeginning(replayed);
            replay.replayStarted(replayed.stream().map(TopicPartition::partition).toList());
        }
    }

    /**
     * Commits finished work without waiting for the broker's answer: the offsets are of durable
     * work already, so a commit that is lost (Kafka away, a rebalance) only means a harmless
     * redelivery, and the loop does not sit out a broker round trip per poll (a synchronous
     * commit was an eighth of the audit service's time in the benchmark). Kafka sends async
     * commits in order; shutdown and revocation commit synchronously.
     */
    private void commitDoneAsync() {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitAsync(new HashMap<>(done), (offsets, error) -> {
                if (error != null) {
                    LOG.log(Level.WARNING, "offset commit failed; those records may be redelivered: " + error.getMessage());
                }
            });
        } catch (KafkaException e) {
            LOG.log(Level.WARNING, "offset commit failed; those records may be redelivered: " + e.getMessage());
        }
        done.clear();
    }

    private void commitDone() {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done);
            done.clear();
        } catch (WakeupException e) {
            consumer.commitSync(done);
            done.clear();
            throw e;
        } catch (KafkaException e) {
            // Kafka away or the group rebalanced: the work is durable and idempotent, so a redelivery is harmless.
            LOG.log(Level.WARNING, "offset commit failed; those records may be redelivered: " + e.getMessage());
            done.clear();
        }
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        lag = total;
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** Commits finished work of partitions that move to another replica, before they move. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = done.remove(partition);
                if (offset != null) {
                    leaving.put(partition, offset);
                }
            }
            if (!leaving.isEmpty()) {
                try {
                    consumer.commitSync(leaving);
                } catch (KafkaException e) {
                    LOG.log(Level.WARNING, "commit on revocation failed; the new owner re-reads those records", e);
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                assigned = true;
                replayNow(partitions);
            }
            LOG.fine(() -> settings.groupId() + " assigned " + partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member already owns them: committing would fail; the new owner re-reads.
            partitions.forEach(done::remove);
        }
    }

    /** Stops after the record in hand, commits what is done, leaves the group. */
    @Override
    public void close() {
        running.set(false);
        synchronized (this) {
            if (thread == null) {
                consumer.close(Duration.ofSeconds(5));
                return;
            }
        }
        consumer.wakeup();
        try {
            if (!stopped.await(15, TimeUnit.SECONDS)) {
                LOG.warning("consumer loop of " + settings.groupId() + " did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.tasklane.consumers.kit.kafka;

import dev.tasklane.connections.KafkaConnection;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.event.TaskEventFormat;
import dev.tasklane.consumers.kit.handling.EventProcessor;
import dev.tasklane.consumers.kit.handling.RetryPolicy;
import dev.tasklane.consumers.kit.handling.EventProcessor.Outcome;
import dev.tasklane.consumers.kit.handling.HandlingFailure;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>Two threads share the work so that reading and working overlap: the loop's thread owns the
 * Kafka consumer (poll, parse, seek, commit, dead-letter) and a worker thread runs the handler on
 * one batch at a time. While the worker has batch N, the loop polls and parses batch N + 1; it
 * hands N + 1 over only after N's outcomes are applied, so batches are worked one after the
 * other in poll order (each partition's, so each task's, order holds) and offsets still move
 * only past durable work. A batch that found a dependency away makes the loop drop what it
 * already polled of those partitions along with the gap.
 *
 * <p>When a dependency is away the loop seeks back to the first unfinished record of each
 * partition and polls again after a backoff: it stays in its group (polls continue), commits
 * nothing past the gap, and resumes where it stopped once the dependency is back. A shutdown
 * finishes the batch in hand, commits, and leaves the group; a rebalance first waits for the
 * batch in hand, so the partitions that move are committed up to their last durable record.
 */
public final class ConsumerLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class.getName());
    public static final String LAG = "tasklane_consumer_lag";
    public static final String RECEIVED = "tasklane_consumer_received_total";
    /** How long shutdown waits for the batch in hand; with the consumer's close it stays inside close()'s 20 s. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    /** While batches keep coming, finished work is committed at most this often (and at once when the loop is idle). */
    private static final long COMMIT_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    /** The longest the loop lets Kafka wait between its polls (see {@link #maxPollInterval}). */
    static final Duration MAX_POLL_INTERVAL_CAP = Duration.ofHours(1);

    /**
     * Where and as whom to consume, and how many records at most one batch holds.
     *
     * @param batchSize the consumer's {@code max.poll.records}: a batch is one poll
     */
    public record Settings(KafkaConnection kafka, String topic, String groupId, String clientId, int batchSize) {

        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
            }
        }
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
    private final ExecutorService worker;
    /** The batch the worker has, with its outcomes to come; null when the worker is idle. */
    private InFlight inFlight;
    private long lastCommit = System.nanoTime();
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
        Properties properties = properties(settings);
        properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                Math.toIntExact(maxPollInterval(settings.batchSize(), processor.retryPolicy()).toMillis()));
        this.consumer = new KafkaConsumer<>(properties);
        this.worker = Executors.newSingleThreadExecutor(work -> Thread.ofPlatform().name("work-" + settings.groupId()).unstarted(work));
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
        // Each service sets its batch size (TASKLANE_BATCH_SIZE): a batch costs a handover and (audit) a
        // transaction; max.poll.interval.ms is set from it and the retry policy (maxPollInterval).
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        // Read only committed records (the outbox relay's producer is idempotent, not transactional; this is future-proof).
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /**
     * How long the loop may go between polls before Kafka takes its partitions away: the loop
     * waits for the batch in hand before it hands over the next, and a batch whose handling
     * fails is handled one event at a time, each retried with backoff. Kafka's default (5
     * minutes) is kept unless a whole batch of failing events could take longer (2,000 events ×
     * 1.4 s of backoff is 47 minutes): then a busy member would be evicted, its partitions moved
     * and the same batch started again elsewhere, over and over. It is also the rebalance
     * timeout, so it is capped at an hour: a batch that would need longer is taken away and
     * redelivered to the next member (the handlers' idempotence makes that harmless), and a hung
     * member cannot hold partitions for days.
     */
    static Duration maxPollInterval(int batchSize, RetryPolicy retry) {
        Duration perEvent = Duration.ofMillis(100); // the handler's own time, generously
        for (int failures = 1; failures < retry.maxAttempts(); failures++) {
            perEvent = perEvent.plus(retry.backoff(failures));
        }
        Duration worstBatch = perEvent.multipliedBy(batchSize).plusMinutes(1);
        Duration kafkaDefault = Duration.ofMinutes(5);
        return worstBatch.compareTo(kafkaDefault) <= 0 ? kafkaDefault
                : worstBatch.compareTo(MAX_POLL_INTERVAL_CAP) >= 0 ? MAX_POLL_INTERVAL_CAP : worstBatch;
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
                // While the worker has a batch, poll briefly so its outcomes are applied (and its
                // offsets committed) soon after it finishes, even when no new records come.
                ConsumerRecords<String, byte[]> records = consumer.poll(inFlight == null ? Duration.ofMillis(200) : Duration.ofMillis(50));
                metrics.count(RECEIVED, records.count());
                PolledBatch next = records.isEmpty() ? null : PolledBatch.parse(records, format, metrics);
                Set<TopicPartition> blocked = Set.of();
                boolean finished = false;
                if (inFlight != null && (next != null || inFlight.outcomes().isDone())) {
                    blocked = finishInFlight();
                    finished = true;
                    if (next != null && !blocked.isEmpty()) {
                        // Those partitions were sought back to their gap: what was polled after it comes again.
                        next = next.without(blocked);
                    }
                }
                // Once shutdown began nothing new is started: what was polled is redelivered.
                if (next != null && !next.all().isEmpty() && running.get()) {
                    hand(next);
                }
                if (inFlight == null || System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
                    commitDoneAsync();
                }
                updateLag();
                // The backoff grows with each batch in a row that found a dependency away; a
                // round that finished no batch leaves it as it was.
                if (finished && blocked.isEmpty()) {
                    pauses = 0;
                } else if (!blocked.isEmpty()) {
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
                finishInFlightWithin(SHUTDOWN_WAIT);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the batch in hand did not finish; its records will be redelivered", e);
            }
            try {
                commitDone();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "final commit failed; the uncommitted records will be redelivered", e);
            }
            worker.shutdownNow();
            try {
                if (!worker.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warning("the worker of " + settings.groupId() + " is still in its handler after shutdown");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    /** A batch the worker has and the outcomes of its parsed events, in order. */
    private record InFlight(PolledBatch batch, Future<List<Outcome>> outcomes) {
    }

    /** Gives the batch to the worker (which is idle: the previous batch's outcomes were applied). */
    private void hand(PolledBatch batch) {
        List<TaskEvent> events = batch.events();
        inFlight = new InFlight(batch, worker.submit(() -> processor.processAll(events)));
    }

    /**
     * Waits for the worker's batch, if any, and applies its outcomes.
     *
     * @return the partitions sought back because a dependency was away (empty when all is done)
     */
    private Set<TopicPartition> finishInFlight() {
        return finishInFlight(Set.of());
    }

    /**
     * As {@link #finishInFlight()}, for partitions another member already owns: their records are
     * neither dead-lettered nor marked done here (the new owner reads them again).
     */
    private Set<TopicPartition> finishInFlight(Set<TopicPartition> lost) {
        if (inFlight == null) {
            return Set.of();
        }
        InFlight finishing = inFlight;
        List<Outcome> results;
        try {
            while (true) {
                try {
                    results = finishing.outcomes().get(100, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (!running.get()) {
                        // Shutdown: the loop's exit waits for this batch, but only so long.
                        throw new WakeupException();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        } catch (ExecutionException e) {
            inFlight = null;
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        inFlight = null;
        return apply(finishing.batch(), results, lost);
    }

    /**
     * At shutdown: waits at most {@code limit} for the batch in hand (a retry pause ends at once
     * because the processor sees shutdown; a handler stuck on a dependency does not hold the
     * service up). A batch that does not finish in time is interrupted and not applied: its
     * records are redelivered.
     */
    private void finishInFlightWithin(Duration limit) {
        if (inFlight == null) {
            return;
        }
        InFlight finishing = inFlight;
        inFlight = null;
        try {
            apply(finishing.batch(), finishing.outcomes().get(limit.toMillis(), TimeUnit.MILLISECONDS), Set.of());
        } catch (TimeoutException e) {
            finishing.outcomes().cancel(true);
            LOG.warning("the batch in hand did not finish within " + limit.toSeconds() + " s of shutdown; its records will be redelivered");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "the batch in hand failed at shutdown; its records will be redelivered", e.getCause());
        }
    }

    /**
     * Dead-letters what the batch gave up on, seeks back to the first record of each partition
     * whose dependency was away, and marks the rest done.
     */
    private Set<TopicPartition> apply(PolledBatch batch, List<Outcome> results, Set<TopicPartition> lost) {
        Map<ConsumerRecord<String, byte[]>, Outcome> outcomes = new HashMap<>(batch.outcomes());
        for (int i = 0; i < batch.parsed().size(); i++) {
            outcomes.put(batch.parsed().get(i), results.get(i));
        }
        Set<TopicPartition> blocked = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : batch.all()) {
            TopicPartition partition = PolledBatch.partitionOf(record);
            if (blocked.contains(partition) || lost.contains(partition)) {
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
                if (consumer.assignment().contains(partition)) {
                    consumer.seek(partition, record.offset());
                }
                LOG.log(Level.WARNING, "pausing " + partition + "@" + record.offset() + ": " + cause.getMessage());
                continue;
            }
            done.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        return blocked;
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
            // The batch in hand finishes first, so nothing of it lands after the rewind.
            finishInFlight();
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
     * commits in order; shutdown and revocation commit synchronously. While batches keep coming
     * the loop commits once a second rather than per batch (each commit is a write in the
     * group coordinator too), so a crash redelivers about a second more (plus the batch in hand,
     * as before) — which the handlers' idempotence makes harmless. Lag measured from committed
     * offsets looks up to a second worse.
     */
    private void commitDoneAsync() {
        if (done.isEmpty()) {
            return;
        }
        lastCommit = System.nanoTime();
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
            // The batch in hand may hold records of the leaving partitions: finish it, so they are
            // committed up to their last durable record and the new owner does not redo them.
            finishInFlight();
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
            // The batch in hand still finishes (its work is idempotent) before their offsets are
            // dropped; its records of these partitions are neither dead-lettered nor marked done.
            finishInFlight(Set.copyOf(partitions));
            partitions.forEach(done::remove);
        }
    }

    /** Stops after the batch in hand, commits what is done, leaves the group. */
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
            if (!stopped.await(20, TimeUnit.SECONDS)) {
                LOG.warning("consumer loop of " + settings.groupId() + " did not stop within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

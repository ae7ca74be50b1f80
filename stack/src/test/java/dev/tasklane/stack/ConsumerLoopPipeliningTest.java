package dev.tasklane.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.connections.KafkaConnection;
import dev.tasklane.consumers.kit.event.TaskEvent;
import dev.tasklane.consumers.kit.handling.EventHandler;
import dev.tasklane.consumers.kit.handling.EventProcessor;
import dev.tasklane.consumers.kit.handling.HandlingFailure;
import dev.tasklane.consumers.kit.handling.RetryPolicy;
import dev.tasklane.consumers.kit.kafka.ConsumerLoop;
import dev.tasklane.consumers.kit.kafka.DeadLetters;
import dev.tasklane.consumers.kit.kafka.ReplayTrigger;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop reads the next batch while the worker has the current one, and still works
 * every record once and in its partition's order — also when a batch finds a dependency away
 * after the loop already polled what follows it.
 */
class ConsumerLoopPipeliningTest {

    private static final int RECORDS = 1_000;

    @Test
    void theLoopPollsTheNextBatchWhileTheWorkerHasThisOne() throws Exception {
        String topic = topicWith(RECORDS);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        EventHandler handler = new RecordingHandler(handled) {
            @Override
            public void handleAll(List<TaskEvent> events) {
                if (calls.getAndIncrement() == 0) {
                    await(release);
                }
                super.handleAll(events);
            }
        };
        ServiceMetrics metrics = new ServiceMetrics("pipelining-test");
        try (Running loop = start(topic, handler, metrics)) {
            // The first batch (at most 500) is held by the worker; more than that arriving means
            // the loop polled again meanwhile.
            assertThat(eventually(() -> metrics.counter(ConsumerLoop.RECEIVED) > 500)).isTrue();
            assertThat(handled).isEmpty();
            release.countDown();
            assertThat(eventually(() -> handled.size() >= RECORDS)).isTrue();
            Thread.sleep(300);
            assertThat(handled).containsExactlyElementsOf(IntStream.range(0, RECORDS).boxed().toList());
        }
    }

    @Test
    void aBatchThatFindsADependencyAwayDropsWhatWasPolledAfterItAndKeepsOrder() throws Exception {
        String topic = topicWith(RECORDS);
        List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        ServiceMetrics metrics = new ServiceMetrics("pipelining-test");
        EventHandler handler = new RecordingHandler(handled) {
            @Override
            public void handleAll(List<TaskEvent> events) {
                if (calls.getAndIncrement() == 0) {
                    // Wait until the loop has polled past this batch, then report the dependency away.
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (metrics.counter(ConsumerLoop.RECEIVED) <= events.size() && System.nanoTime() < deadline) {
                        sleep(5);
                    }
                    throw new HandlingFailure.DependencyUnavailable("the store is away", null);
                }
                super.handleAll(events);
            }
        };
        try (Running loop = start(topic, handler, metrics)) {
            assertThat(eventually(() -> handled.size() >= RECORDS)).isTrue();
            Thread.sleep(300);
            // Every record once, in order: the records polled behind the failed batch were not worked
            // ahead of it, and nothing was skipped.
            assertThat(handled).containsExactlyElementsOf(IntStream.range(0, RECORDS).boxed().toList());
            assertThat(metrics.counter(ConsumerLoop.RECEIVED)).as("what followed the gap was polled again").isGreaterThan(RECORDS);
        }
    }

    @Test
    void closeWhileTheHandlerHangsStopsInBoundedTimeAndTheBatchIsRedelivered() throws Exception {
        String topic = topicWith(RECORDS);
        CountDownLatch inHandler = new CountDownLatch(1);
        EventHandler hanging = new RecordingHandler(new ArrayList<>()) {
            @Override
            public void handleAll(List<TaskEvent> events) {
                inHandler.countDown();
                sleep(120_000); // a dependency that never answers; shutdown interrupts it
                throw new HandlingFailure.DependencyUnavailable("interrupted", null);
            }
        };
        Running first = start(topic, hanging, new ServiceMetrics("pipelining-test"));
        assertThat(inHandler.await(30, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        first.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("close() with a hung handler").isLessThan(Duration.ofSeconds(20));

        // Nothing of the hung batch was committed: the next member of the group works every record.
        List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
        try (Running second = start(topic, new RecordingHandler(handled), new ServiceMetrics("pipelining-test"))) {
            assertThat(eventually(() -> handled.size() >= RECORDS)).isTrue();
            Thread.sleep(300);
            assertThat(handled).containsExactlyElementsOf(IntStream.range(0, RECORDS).boxed().toList());
        }
    }

    @Test
    void whileBatchesKeepComingOffsetsAreCommittedAboutOnceASecondAndAllOfThemOnceIdle() throws Exception {
        // 1,000 records in batches of 50 that take 100 ms each: two seconds of batches back to
        // back. Committing per batch meant twenty commits (each a write in the group coordinator);
        // now the loop commits about once a second, and everything as soon as it is idle.
        String topic = topicWith(RECORDS);
        EventHandler slow = new RecordingHandler(Collections.synchronizedList(new ArrayList<>())) {
            @Override
            public void handleAll(List<TaskEvent> events) {
                sleep(100);
                super.handleAll(events);
            }
        };
        java.util.Set<Long> committedSeen = new java.util.TreeSet<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, StackExtension.stack().kafka().bootstrapServers()));
             Running running = start(topic, slow, new ServiceMetrics("pipelining-test"), 50)) {
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(30).toNanos();
            long committed = -1;
            while (committed < RECORDS && System.nanoTime() < deadline) {
                var offsets = admin.listConsumerGroupOffsets("group-" + topic).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                var offset = offsets.get(new org.apache.kafka.common.TopicPartition(topic, 0));
                committed = offset == null ? -1 : offset.offset();
                if (committed >= 0) {
                    committedSeen.add(committed);
                }
                Thread.sleep(20);
            }
            assertThat(committed).as("everything committed once the loop is idle").isEqualTo(RECORDS);
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertThat(committedSeen).as("commits seen while batches kept coming, in %d s: %s", seconds, committedSeen)
                    .hasSizeLessThanOrEqualTo((int) seconds + 2)
                    .as("something was committed before the end: %s", committedSeen).anyMatch(offset -> offset < RECORDS);
        }
    }

    /** Appends each event's sequence number (its data.n) to a list. */
    private static class RecordingHandler implements EventHandler {
        private final List<Integer> handled;

        RecordingHandler(List<Integer> handled) {
            this.handled = handled;
        }

        @Override
        public void handle(TaskEvent event) {
            handleAll(List.of(event));
        }

        @Override
        public void handleAll(List<TaskEvent> events) {
            events.forEach(event -> handled.add(event.data().path("n").asInt()));
        }
    }

    private record Running(ConsumerLoop loop, DeadLetters deadLetters) implements AutoCloseable {
        @Override
        public void close() {
            loop.close();
            deadLetters.close();
        }
    }

    private static Running start(String topic, EventHandler handler, ServiceMetrics metrics) {
        return start(topic, handler, metrics, 500);
    }

    private static Running start(String topic, EventHandler handler, ServiceMetrics metrics, int batchSize) {
        KafkaConnection kafka = KafkaConnection.plaintext(StackExtension.stack().kafka().bootstrapServers());
        AtomicBoolean running = new AtomicBoolean(true);
        EventProcessor processor = new EventProcessor(handler,
                new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100)), metrics, running::get);
        DeadLetters deadLetters = new DeadLetters(kafka, topic + ".dlq", "pipelining-test");
        ConsumerLoop loop = new ConsumerLoop(new ConsumerLoop.Settings(kafka, topic, "group-" + topic, "client-" + topic, batchSize),
                processor, deadLetters, metrics, running, ReplayTrigger.NEVER).start();
        return new Running(loop, deadLetters);
    }

    /** A one-partition topic holding {@code count} task events numbered 0… in data.n. */
    private static String topicWith(int count) throws Exception {
        String topic = "pipelining-" + UUID.randomUUID();
        String bootstrap = StackExtension.stack().kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            UUID task = UUID.randomUUID();
            for (int n = 0; n < count; n++) {
                String event = """
                        {"specversion":"1.0","id":"%s","source":"/test","type":"task.updated","subject":"%s",
                         "time":"2026-12-01T08:00:00Z","data":{"taskId":"%s","n":%d}}""".formatted(UUID.randomUUID(), task, task, n);
                producer.send(new ProducerRecord<>(topic, task.toString(), event.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        return topic;
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

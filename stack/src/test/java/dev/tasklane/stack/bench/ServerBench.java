package dev.tasklane.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.task.Task;
import dev.tasklane.server.db.ServerDatabase;
import dev.tasklane.server.events.OutboxRelay;
import dev.tasklane.server.events.TaskEvents;
import dev.tasklane.server.observe.ServerMetrics;
import dev.tasklane.server.sync.SyncService;
import dev.tasklane.stack.EmbeddedKafka;
import dev.tasklane.stack.EmbeddedPostgresServer;
import dev.tasklane.stack.EmbeddedRedis;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sync server benchmark (prints figures; asserts nothing): merge throughput against a raw
 * batched upsert, push latency, SSE streams held and sync-hint latency against a real server
 * process, and outbox-to-Kafka throughput against a raw producer. See docs/benchmarks.md.
 */
public final class ServerBench {

    private static final SyncJson JSON = new SyncJson();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServerBench() {
    }

    public static void main(String[] args) throws Exception {
        int idleStreams = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        // -Dbench.mode=merge,relay,pull,streams (any of them, comma-separated); empty runs all.
        java.util.Set<String> modes = args.length > 1 && !args[1].isBlank()
                ? java.util.Set.of(args[1].split(","))
                : java.util.Set.of("merge", "relay", "pull", "streams");
        Path dir = Files.createTempDirectory("tasklane-server-bench");
        System.out.printf("Tasklane server benchmark: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), freePort());
             EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), freePort(), freePort()).start();
             EmbeddedRedis redis = EmbeddedRedis.start(freePort());
             ServerDatabase database = ServerDatabase.connect(postgres.jdbcUrl(), "postgres", "postgres", 8)) {
            if (modes.contains("merge")) {
                mergeVersusRawUpsert(database);
                pushLatency(database);
            }
            if (modes.contains("relay")) {
                outboxVersusRawProducer(database, kafka);
            }
            if (modes.contains("pull")) {
                pullLargeAccount(database);
            }
            if (modes.contains("streams")) {
                streams(postgres, redis, idleStreams);
            }
        }
    }

    // ---- 1 and 2: merge throughput and push latency, in process on the same PostgreSQL

    private static UUID newUser(ServerDatabase database) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO users (id, email, password_hash) VALUES (?, ?, 'bench')")) {
            insert.setObject(1, id);
            insert.setString(2, id + "@bench.test");
            insert.executeUpdate();
        }
        return id;
    }

    private static List<Mutation> creates(int count) {
        HybridLogicalClock clock = new HybridLogicalClock(Clock.systemUTC(), "bench");
        List<Mutation> mutations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = TaskIds.newTaskId();
            mutations.add(Mutations.between(TaskState.empty(id), Task.create(id, "Bench task " + i, Instant.now()), clock.tick(),
                    TaskIds.newMutationId()));
        }
        return mutations;
    }

    private static void mergeVersusRawUpsert(ServerDatabase database) throws Exception {
        SyncService sync = new SyncService(database.dataSource(), Clock.systemUTC(), user -> { }, new ServerMetrics());
        UUID warm = newUser(database);
        // Warm-up until the JIT has compiled both paths: a server runs warm.
        for (int i = 0; i < 300; i++) {
            List<Mutation> batch = creates(100);
            sync.sync(warm, new SyncRequest("bench", Long.MAX_VALUE, batch));
            rawUpsert(database, warm, batch.stream().map(TaskState::of).toList(), 1_000_000L + i * 100L);
        }
        // Rounds alternate merge and raw, so both see the same machine load and table sizes.
        double mergeTotal = 0;
        double rawTotal = 0;
        for (int round = 1; round <= 3; round++) {
            int batches = 100;
            UUID user = newUser(database);
            List<List<Mutation>> work = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                work.add(creates(100));
            }
            CpuTime cpu = CpuTime.of(database);
            long start = System.nanoTime();
            for (List<Mutation> batch : work) {
                sync.sync(user, new SyncRequest("bench", Long.MAX_VALUE, batch));
            }
            double mergeSeconds = (System.nanoTime() - start) / 1e9;
            CpuTime mergeCpu = CpuTime.of(database).minus(cpu);

            UUID rawUser = newUser(database);
            List<List<TaskState>> states = new ArrayList<>();
            for (List<Mutation> batch : work) {
                states.add(batch.stream().map(TaskState::of).toList());
            }
            cpu = CpuTime.of(database);
            start = System.nanoTime();
            long seq = 0;
            for (List<TaskState> batch : states) {
                rawUpsert(database, rawUser, batch, seq);
                seq += batch.size();
            }
            double rawSeconds = (System.nanoTime() - start) / 1e9;
            CpuTime rawCpu = CpuTime.of(database).minus(cpu);
            System.out.printf("  CPU per row: sync JVM %.0f us (pushing thread %.0f us) + PostgreSQL %.0f us, WAL %.0f bytes; "
                            + "raw JVM %.0f us (thread %.0f us) + PostgreSQL %.0f us, WAL %.0f bytes%n",
                    mergeCpu.jvmNanos() / 1e3 / (batches * 100), mergeCpu.threadNanos() / 1e3 / (batches * 100),
                    mergeCpu.postgresNanos() / 1e3 / (batches * 100), mergeCpu.walBytes() / (batches * 100.0),
                    rawCpu.jvmNanos() / 1e3 / (batches * 100), rawCpu.threadNanos() / 1e3 / (batches * 100),
                    rawCpu.postgresNanos() / 1e3 / (batches * 100), rawCpu.walBytes() / (batches * 100.0));
            mergeTotal += mergeSeconds;
            rawTotal += rawSeconds;
            System.out.printf("merge throughput round %d (100 pushes of 100 creates): sync %.0f mutations/s, raw batched upsert %.0f rows/s, "
                    + "ratio %.2f%n", round, batches * 100 / mergeSeconds, batches * 100 / rawSeconds, rawSeconds / mergeSeconds);
        }
        System.out.printf("merge throughput, 3 rounds: sync %.0f mutations/s, raw batched upsert %.0f rows/s, ratio %.2f%n",
                30_000 / mergeTotal, 30_000 / rawTotal, rawTotal / mergeTotal);
    }

    /** CPU used so far by this JVM and by every PostgreSQL process (backends, WAL writer, checkpointer). */
    private record CpuTime(long jvmNanos, long threadNanos, long postgresNanos, long walBytes) {
        static CpuTime of(ServerDatabase database) throws Exception {
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long thread = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long postgres = 0;
            long wal;
            try (Connection c = database.dataSource().getConnection()) {
                try (PreparedStatement pids = c.prepareStatement("SELECT pid FROM pg_stat_activity");
                     java.sql.ResultSet rows = pids.executeQuery()) {
                    while (rows.next()) {
                        postgres += processCpuNanos(rows.getInt(1));
                    }
                }
                // Write-ahead log written so far: what a push costs PostgreSQL grows with the bytes it logs.
                try (PreparedStatement lsn = c.prepareStatement("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
                     java.sql.ResultSet rows = lsn.executeQuery()) {
                    rows.next();
                    wal = rows.getLong(1);
                }
            }
            return new CpuTime(jvm, thread, postgres, wal);
        }

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(jvmNanos - earlier.jvmNanos, threadNanos - earlier.threadNanos, postgresNanos - earlier.postgresNanos,
                    walBytes - earlier.walBytes);
        }

        /** utime + stime from /proc/pid/stat (clock ticks of 10 ms on Linux). */
        private static long processCpuNanos(int pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
            } catch (IOException | RuntimeException e) {
                return 0; // a process that ended in between
            }
        }
    }

    /** The baseline: the same states as one batched upsert in one transaction, nothing else. */
    private static void rawUpsert(ServerDatabase database, UUID user, List<TaskState> batch, long seq) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement upsert = c.prepareStatement(
                     "INSERT INTO tasks (user_id, id, state, change_seq, updated_at) VALUES (?, ?, ?::jsonb, ?, ?) "
                             + "ON CONFLICT (user_id, id) DO UPDATE SET state = EXCLUDED.state, change_seq = EXCLUDED.change_seq")) {
            c.setAutoCommit(false);
            for (TaskState state : batch) {
                upsert.setObject(1, user);
                upsert.setObject(2, state.taskId());
                upsert.setString(3, JSON.write(state));
                upsert.setLong(4, ++seq);
                upsert.setTimestamp(5, Timestamp.from(Instant.now()));
                upsert.addBatch();
            }
            upsert.executeBatch();
            c.commit();
        }
    }

    private static void pushLatency(ServerDatabase database) throws Exception {
        SyncService sync = new SyncService(database.dataSource(), Clock.systemUTC(), user -> { }, new ServerMetrics());
        UUID user = newUser(database);
        for (int size : new int[] {1, 100}) {
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                List<Mutation> batch = creates(size);
                long start = System.nanoTime();
                sync.sync(user, new SyncRequest("bench", Long.MAX_VALUE, batch));
                nanos.add(System.nanoTime() - start);
            }
            print("push latency, " + size + " mutation(s) (service + PostgreSQL)", nanos.subList(50, nanos.size()));
        }
    }

    // ---- pull of a large account by a new device

    private static void pullLargeAccount(ServerDatabase database) throws Exception {
        SyncService sync = new SyncService(database.dataSource(), Clock.systemUTC(), user -> { }, new ServerMetrics());
        for (int size : new int[] {1_000, 10_000, 100_000}) {
            UUID user = newUser(database);
            long seedStart = System.nanoTime();
            for (int done = 0; done < size; done += 500) {
                sync.sync(user, new SyncRequest("seed", Long.MAX_VALUE, creates(Math.min(500, size - done))));
            }
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            try (Connection c = database.dataSource().getConnection(); java.sql.Statement analyze = c.createStatement()) {
                analyze.execute("ANALYZE tasks"); // autovacuum would do this shortly after a bulk load
            }
            // A new device: cursor 0, no mutations, page after page until hasMore is false.
            // Server time per page = the service call (lock, query, states read) + encoding the response body.
            List<Long> pageNanos = new ArrayList<>();
            long cursor = 0;
            long tasks = 0;
            long bytes = 0;
            boolean more = true;
            long start = System.nanoTime();
            while (more) {
                long pageStart = System.nanoTime();
                dev.tasklane.core.sync.SyncResponse page = sync.sync(user, new SyncRequest("new-device", cursor, List.of()));
                bytes += JSON.write(page).length();
                pageNanos.add(System.nanoTime() - pageStart);
                tasks += page.changes().size();
                cursor = page.cursor();
                more = page.hasMore();
            }
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            if (tasks != size) {
                throw new IllegalStateException("pulled " + tasks + " of " + size + " tasks");
            }
            System.out.printf("pull, new device, %,d tasks (seeded in %.1f s): %d pages of <= %d, total %.2f s (%.0f tasks/s, %.1f MB of JSON)%n",
                    size, seedSeconds, pageNanos.size(), dev.tasklane.core.sync.SyncLimits.PAGE_SIZE, totalSeconds, tasks / totalSeconds,
                    bytes / 1e6);
            print("  server time per page, " + size + " tasks", pageNanos);
        }
    }

    // ---- 4: outbox relay against a raw producer on the same broker

    private static void outboxVersusRawProducer(ServerDatabase database, EmbeddedKafka kafka) throws Exception {
        int events = 50_000;
        // Every topic exists before timing starts, as in production: neither side measures topic
        // creation (whose first produce requests can fail and be retried).
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("bench-raw", 3, (short) 1))).all().get();
        }
        SyncService sync = new SyncService(database.dataSource(), Clock.systemUTC(), user -> { }, new ServerMetrics());
        // Warm-up, not timed: the relay drains what the merge part left (or a first 20,000 events)
        // and the raw producer sends them again, so both paths run compiled.
        if (relayBacklog(database) < 20_000) {
            seedEvents(sync, newUser(database), 20_000);
        }
        RelayRun warm = relayAll(database, kafka, "bench-outbox");
        rawProduce(kafka, publishedRecords(kafka, "bench-outbox", warm.events()));
        // Rounds alternate relay and raw producer on the same records, so both see the same machine load.
        double relayTotal = 0;
        double sameTotal = 0;
        double smallTotal = 0;
        long relayed = 0;
        for (int round = 1; round <= 3; round++) {
            String topic = "bench-outbox-" + round;
            seedEvents(sync, newUser(database), events);
            RelayRun run = relayAll(database, kafka, topic);
            List<ProducerRecord<String, byte[]>> same = publishedRecords(kafka, topic, run.events());
            double sameSeconds = rawProduce(kafka, same);
            List<ProducerRecord<String, byte[]>> small = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                small.add(new ProducerRecord<>("bench-raw", UUID.randomUUID().toString(), TaskEvents.serialize(TaskEvents.event(UUID.randomUUID(),
                        "task.created", UUID.randomUUID(), Instant.now().atOffset(java.time.ZoneOffset.UTC), "{\"bench\":" + i + "}"))));
            }
            double smallSeconds = rawProduce(kafka, small);
            long sameBytes = same.stream().mapToLong(r -> r.value().length).sum();
            System.out.printf("outbox -> Kafka round %d: relay %.0f events/s (%d events, %.0f bytes/event); raw producer, same records "
                            + "%.0f events/s, ratio %.2f; raw producer, small events (%d bytes) %.0f events/s, ratio %.2f%n",
                    round, run.events() / run.seconds(), run.events(), (double) sameBytes / same.size(), same.size() / sameSeconds,
                    sameSeconds / run.seconds(), small.getFirst().value().length, small.size() / smallSeconds, smallSeconds * run.events()
                            / small.size() / run.seconds());
            relayTotal += run.seconds();
            sameTotal += sameSeconds;
            smallTotal += smallSeconds * run.events() / small.size();
            relayed += run.events();
        }
        System.out.printf("outbox -> Kafka, 3 rounds: relay %.0f events/s; raw producer, same records %.0f events/s, ratio %.2f; "
                + "raw producer, small events: ratio %.2f%n", relayed / relayTotal, relayed / sameTotal, sameTotal / relayTotal,
                smallTotal / relayTotal);
    }

    private static void seedEvents(SyncService sync, UUID user, int events) {
        for (int i = 0; i < events / 500; i++) {
            sync.sync(user, new SyncRequest("bench", Long.MAX_VALUE, creates(500)));
        }
    }

    private static long relayBacklog(ServerDatabase database) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM outbox");
             java.sql.ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private record RelayRun(long events, double seconds) {
    }

    /** Starts a relay on the whole outbox backlog and times it until it published (acknowledged and deleted) all of it. */
    private static RelayRun relayAll(ServerDatabase database, EmbeddedKafka kafka, String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
        }
        Thread.sleep(2_000); // partition leadership settles
        OutboxRelay relay = new OutboxRelay(database.dataSource(), OutboxRelay.producer(kafka.bootstrapServers()), topic,
                Duration.ofMillis(20));
        long backlog = relay.lag();
        long start = System.nanoTime();
        relay.start();
        // Polling relay.lag() instead, as the bench once did, counted the whole outbox every 20 ms
        // on the same two cores as the relay.
        while (relay.published() < backlog) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        relay.close();
        if (relay.lag() != 0) {
            throw new IllegalStateException("relay left " + relay.lag() + " events in the outbox");
        }
        return new RelayRun(backlog, seconds);
    }

    /** The first {@code count} records on a topic (key, value, headers), re-addressed to {@code bench-raw}. */
    private static List<ProducerRecord<String, byte[]>> publishedRecords(EmbeddedKafka kafka, String topic, long count) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, Object> config = Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "bench-readback-" + UUID.randomUUID());
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                config, new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                for (org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new ProducerRecord<>("bench-raw", null, record.key(), record.value(), record.headers()));
                }
            }
        }
        if (records.size() < count) {
            throw new IllegalStateException("read back " + records.size() + " of " + count + " relayed records");
        }
        return records;
    }

    /** Sends the records with the relay's producer settings, waits for every acknowledgement; seconds taken. */
    private static double rawProduce(EmbeddedKafka kafka, List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (Producer<String, byte[]> producer = OutboxRelay.producer(kafka.bootstrapServers())) {
            long start = System.nanoTime();
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    // ---- 3: SSE streams against a real server process

    private static void streams(EmbeddedPostgresServer postgres, EmbeddedRedis redis, int idleStreams) throws Exception {
        int port = freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.tasklane.server.Main");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("TASKLANE_PORT", Integer.toString(port));
        env.put("TASKLANE_DB_URL", postgres.jdbcUrl());
        env.put("TASKLANE_DB_USER", "postgres");
        env.put("TASKLANE_DB_PASSWORD", "postgres");
        // A fresh secret each run: the server refuses secrets that appear in the repository.
        env.put("TASKLANE_JWT_SECRET", dev.tasklane.server.auth.JwtSecrets.generate());
        // The bench holds many streams for a few users; the per-user cap (10) is for real clients.
        env.put("TASKLANE_STREAMS_PER_USER", "1000000");
        env.put("TASKLANE_REDIS_URL", redis.url());
        env.put("TASKLANE_RATE_AUTH_PER_IP", "1000000");
        env.put("TASKLANE_RATE_AUTH_PER_ACCOUNT", "1000000");
        env.put("TASKLANE_RATE_SYNC_PER_USER", "1000000");
        Process server = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            waitForHealth(http, port);
            long baseline = rssKb(server.pid());
            String idleToken = token(http, port);
            List<SocketChannel> idle = openStreams(port, List.of(idleToken), idleStreams);
            Thread.sleep(2_000);
            System.out.printf("SSE: %d idle streams held; server RSS %d MB (%d MB before the streams)%n",
                    idle.size(), rssKb(server.pid()) / 1024, baseline / 1024);
            for (SocketChannel channel : idle) {
                channel.close();
            }
            hintLatency(http, port);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static void hintLatency(HttpClient http, int port) throws Exception {
        int users = 100;
        int streamsPerUser = 10;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            tokens.add(token(http, port));
        }
        Map<SocketChannel, Integer> owner = new HashMap<>();
        List<SocketChannel> all = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (SocketChannel channel : openStreams(port, List.of(tokens.get(u)), streamsPerUser)) {
                owner.put(channel, u);
                all.add(channel);
            }
        }
        Thread.sleep(1_000);
        drain(all);
        List<Long> nanos = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            int user = round % users;
            List<SocketChannel> targets = all.stream().filter(c -> owner.get(c) == user).toList();
            long start = System.nanoTime();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tasks"))
                    .header("Authorization", "Bearer " + tokens.get(user)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"hint " + round + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("create failed: " + created.body());
            }
            for (long latency : waitForSync(targets, start)) {
                nanos.add(latency);
            }
        }
        print("sync-hint latency, " + all.size() + " open streams (push -> 'event: sync' on each stream of the user)", nanos);
        for (SocketChannel channel : all) {
            channel.close();
        }
    }

    private static List<Long> waitForSync(List<SocketChannel> targets, long start) throws IOException {
        List<Long> latencies = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (SocketChannel channel : targets) {
                channel.register(selector, SelectionKey.OP_READ);
            }
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            int remaining = targets.size();
            long deadline = start + Duration.ofSeconds(10).toNanos();
            while (remaining > 0 && System.nanoTime() < deadline) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    buffer.clear();
                    int read = ((SocketChannel) key.channel()).read(buffer);
                    if (read > 0 && new String(buffer.array(), 0, read, StandardCharsets.UTF_8).contains("event: sync")) {
                        latencies.add(System.nanoTime() - start);
                        key.cancel();
                        remaining--;
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        for (SocketChannel channel : targets) {
            channel.configureBlocking(false);
        }
        return latencies;
    }

    private static List<SocketChannel> openStreams(int port, List<String> tokens, int count) throws IOException {
        List<SocketChannel> channels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("localhost", port));
            String request = "GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nAuthorization: Bearer "
                    + tokens.get(i % tokens.size()) + "\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channels.add(channel);
        }
        return channels;
    }

    private static void drain(List<SocketChannel> channels) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        for (SocketChannel channel : channels) {
            buffer.clear();
            while (channel.read(buffer) > 0) {
                buffer.clear();
            }
        }
    }

    private static String token(HttpClient http, int port) throws Exception {
        String email = UUID.randomUUID() + "@bench.test";
        send(http, port, "/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"bench password\"}");
        String login = send(http, port, "/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"bench password\",\"deviceName\":\"bench\"}");
        return MAPPER.readTree(login).path("accessToken").asText();
    }

    private static String send(HttpClient http, int port, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void waitForHealth(HttpClient http, int port) throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/observe/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the server did not become healthy");
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void print(String what, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf("%s: n=%d p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", what, sorted.length, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}

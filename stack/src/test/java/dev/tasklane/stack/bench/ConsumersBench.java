package dev.tasklane.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.consumers.audit.AuditService;
import dev.tasklane.consumers.audit.AuditSettings;
import dev.tasklane.consumers.audit.ingest.AuditHandler;
import dev.tasklane.consumers.kit.kafka.ConsumerLoop;
import dev.tasklane.consumers.kit.observe.ServiceMetrics;
import dev.tasklane.consumers.reminders.ReminderSettings;
import dev.tasklane.consumers.reminders.RemindersService;
import dev.tasklane.consumers.reminders.schedule.ReminderSchedule;
import dev.tasklane.consumers.reminders.schedule.ScheduledReminder;
import dev.tasklane.stack.EmbeddedKafka;
import dev.tasklane.stack.EmbeddedPostgresServer;
import dev.tasklane.stack.EmbeddedRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Consumer services benchmark (figures for docs/benchmarks.md, never assertions):
 * <ol>
 *   <li>reminders — scheduling throughput of N reminders into the Redis schedule, then fire
 *       lateness (fire time → the {@code task.reminder.due} record readable in Kafka) p50/p99 while
 *       the N reminders come due over a 30 s window;</li>
 *   <li>audit — ingest rate of N events ÷ a raw consumer reading the same records, both timed from
 *       their first record received to the last record handled (audit: last row committed, from the
 *       service's own counters; raw: last record polled). The old figure, which included the
 *       service's start (Flyway, web server, joining the group) against a bare subscribe, is printed
 *       too. Each run also prints the CPU it cost per event — this JVM (service, Kafka broker, GC,
 *       JIT) and PostgreSQL (all its processes, from /proc) — how busy both cores were, and the JIT
 *       and GC time meanwhile, and this JVM's CPU by thread; the warm two-writer run is repeated as
 *       compilation dies down, and the median of the last three is the steady figure.</li>
 * </ol>
 * Run: {@code ./mvnw -q -pl stack -am test-compile exec:exec@bench -Dbench.mainClass=dev.tasklane.stack.bench.ConsumersBench -Dbench.size=100000}
 * ({@code -Dbench.mode=audit} or {@code reminders} for one part; {@code BENCH_POSTGRES_URL} and friends point the audit runs at a PostgreSQL elsewhere).
 */
public final class ConsumersBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    /** Two-writer audit runs after the cold and the one-writer run; the last three give the steady figure. */
    private static final int WARM_RUNS = 10;

    private ConsumersBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("tasklane-consumers-bench");
        System.out.printf("Tasklane consumers benchmark: n=%d, %d cores, Java %s%n", n, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), freePort());
             EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), freePort(), freePort()).start();
             EmbeddedRedis redis = EmbeddedRedis.start(freePort())) {
            String mode = args.length > 1 ? args[1] : "all";
            if (!mode.equals("audit")) {
                reminders(kafka, redis, n);
            }
            if (!mode.equals("reminders")) {
                audit(BenchDatabase.fromEnvironment(System.getenv()).orElseGet(() -> BenchDatabase.embedded(postgres, dir.resolve("pg"))),
                        kafka, n);
            }
        }
    }

    private static void reminders(EmbeddedKafka kafka, EmbeddedRedis redis, int n) throws Exception {
        Config config = new Config();
        config.useSingleServer().setAddress(redis.url());
        RedissonClient client = Redisson.create(config);
        ReminderSchedule schedule = new ReminderSchedule(client);
        UUID user = UUID.randomUUID();
        // Fire times: a 30 s window starting well after scheduling ends.
        Instant windowStart = Instant.now().plusSeconds(Math.max(45, n / 2_000));
        long stepMicros = 30_000_000L / n;
        List<ScheduledReminder> reminders = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            reminders.add(new ScheduledReminder(user, UUID.randomUUID(), "Reminder " + i, Optional.empty(),
                    windowStart.plusNanos(i * stepMicros * 1_000)));
        }
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> parts = new ArrayList<>();
            int slice = (n + 15) / 16;
            for (int p = 0; p < 16; p++) {
                List<ScheduledReminder> part = reminders.subList(Math.min(n, p * slice), Math.min(n, (p + 1) * slice));
                parts.add(pool.submit(() -> part.forEach(schedule::schedule)));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("reminders: scheduled %d in %.2f s = %.0f reminders/s (16 threads, one Lua script each)%n",
                n, seconds, n / seconds);
        System.out.printf("reminders: fire window starts in %.1f s%n", Duration.between(Instant.now(), windowStart).toMillis() / 1e3);
        client.shutdown();

        long[] lateness = new long[n];
        int received = 0;
        try (RemindersService service = RemindersService.start(ReminderSettings.fromEnvironment(Map.of(
                "TASKLANE_PORT", "0", "TASKLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(), "TASKLANE_REDIS_URL", redis.url())));
             KafkaConsumer<String, byte[]> consumer = consumer(kafka, "task-events")) {
            long deadline = System.nanoTime() + Duration.between(Instant.now(), windowStart.plusSeconds(120)).toNanos();
            while (received < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    JsonNode event = MAPPER.readTree(record.value());
                    if ("task.reminder.due".equals(event.path("type").asText()) && received < n) {
                        lateness[received++] = now - Instant.parse(event.path("data").path("fireAt").asText()).toEpochMilli();
                    }
                }
            }
        }
        long[] seen = Arrays.copyOf(lateness, received);
        Arrays.sort(seen);
        System.out.printf("reminders: fired %d of %d; lateness (fire time -> record readable in Kafka) p50 %d ms, p99 %d ms, max %d ms%n",
                received, n, seen[seen.length / 2], seen[(int) Math.min(seen.length - 1, Math.ceil(seen.length * 0.99) - 1)],
                seen[seen.length - 1]);
    }

    /**
     * The PostgreSQL the audit runs write to: the embedded one on this machine, or — with
     * {@code BENCH_POSTGRES_URL} (an admin URL such as {@code jdbc:postgresql://db.example:5432/postgres}),
     * {@code BENCH_POSTGRES_USER} and {@code BENCH_POSTGRES_PASSWORD} — one elsewhere, e.g. on its own
     * machine as the managed database is in production. Each run creates its own database there.
     *
     * @param data the embedded server's data folder, whose processes' CPU is counted; empty for a remote one
     */
    private record BenchDatabase(String adminUrl, String user, String password, Optional<Path> data) {

        static BenchDatabase embedded(EmbeddedPostgresServer postgres, Path data) {
            return new BenchDatabase("jdbc:postgresql://localhost:" + postgres.port() + "/postgres", "postgres", "postgres",
                    Optional.of(data));
        }

        static Optional<BenchDatabase> fromEnvironment(Map<String, String> env) {
            String url = env.getOrDefault("BENCH_POSTGRES_URL", "");
            if (url.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new BenchDatabase(url, env.getOrDefault("BENCH_POSTGRES_USER", "postgres"),
                    env.getOrDefault("BENCH_POSTGRES_PASSWORD", ""), Optional.empty()));
        }

        /** Runs one statement (CREATE or DROP DATABASE) as the admin. */
        void admin(String sql) throws java.sql.SQLException {
            try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                 Statement statement = admin.createStatement()) {
                statement.execute(sql);
            }
        }

        /** The URL of another database on the same server (the admin URL's path replaced, its query kept). */
        String url(String database) {
            java.net.URI uri = java.net.URI.create(adminUrl.substring("jdbc:".length()));
            return "jdbc:postgresql://" + uri.getRawAuthority() + "/" + database + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
    }

    private static void audit(BenchDatabase database, EmbeddedKafka kafka, int n) throws Exception {
        CpuTime cpu = new CpuTime(database.data());
        System.out.printf("audit: PostgreSQL %s%n", database.data().isPresent() ? "embedded, on these cores"
                : "at " + database.url("…") + " (its CPU is not counted here)");
        String topic = "bench-audit";
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        UUID[] users = new UUID[100];
        UUID[] tasks = new UUID[1_000];
        Arrays.setAll(users, i -> UUID.randomUUID());
        Arrays.setAll(tasks, i -> UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < n; i++) {
                UUID task = tasks[i % tasks.length];
                String event = """
                        {"specversion":"1.0","id":"%s","source":"/tasklane/sync-server","type":"task.updated","subject":"%s",
                         "time":"%s","datacontenttype":"application/json","data":{"userId":"%s","taskId":"%s","deviceId":"bench",
                         "mutationId":"%s","changedFields":["notes"],"task":{"id":"%s","title":"Task","notes":"note %d"}}}
                        """.formatted(UUID.randomUUID(), task, Instant.now(), users[i % users.length], task, UUID.randomUUID(), task, i);
                producer.send(new ProducerRecord<>(topic, task.toString(), event.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }

        // The raw consumer before and after the service runs, so the baseline's own noise shows.
        RawRead rawBefore = rawRead(kafka, topic, n, cpu);
        // The service three times, each into a fresh database and its own group: first as it starts
        // in a cold JVM (the default two writers), then warm (as a service that has been running is)
        // with one writer (every batch one transaction) and with two (a batch split by task into
        // parallel transactions, TASKLANE_DB_POOL=4, the default).
        AuditRun cold = auditRun(database, kafka, topic, n, "bench_audit_cold", 4, "cold JVM, 2 writers", cpu);
        AuditRun oneWriter = auditRun(database, kafka, topic, n, "bench_audit_1", 2, "warm, 1 writer", cpu);
        // A service that has run for a while has its code compiled: the same two-writer run again
        // and again shows the figure as JIT compilation (printed per run) dies down; the median of
        // the last three is the steady figure.
        List<AuditRun> twoWriters = new ArrayList<>();
        for (int run = 1; run <= WARM_RUNS; run++) {
            twoWriters.add(auditRun(database, kafka, topic, n, "bench_audit_2_" + run, 4, "warm, 2 writers, run " + run, cpu));
        }
        RawRead rawAfter = rawRead(kafka, topic, n, cpu);
        double rawSeconds = Math.min(rawBefore.firstToLast(), rawAfter.firstToLast());
        double rawWithSubscribe = Math.min(rawBefore.subscribeToLast(), rawAfter.subscribeToLast());
        System.out.printf("audit: raw consumer first record -> last record %.2f s before, %.2f s after the service runs; "
                + "subscribe -> last record %.2f s, %.2f s%n", rawBefore.firstToLast(), rawAfter.firstToLast(),
                rawBefore.subscribeToLast(), rawAfter.subscribeToLast());
        List<AuditRun> runs = new ArrayList<>(List.of(cold, oneWriter));
        runs.addAll(twoWriters);
        for (AuditRun run : runs) {
            System.out.printf("audit [%s] (old measure, service start -> last row committed vs subscribe -> last record): "
                            + "audit %.2f s = %.0f events/s; raw %.2f s = %.0f records/s; ratio %.2f%n",
                    run.label(), run.startToLast(), n / run.startToLast(), rawWithSubscribe, n / rawWithSubscribe,
                    rawWithSubscribe / run.startToLast());
            System.out.printf("audit [%s] (fair measure, first record received -> last row committed vs first record -> last record): "
                            + "audit %.2f s = %.0f events/s; raw %.2f s = %.0f records/s; ratio %.2f%n",
                    run.label(), run.firstToLast(), n / run.firstToLast(), rawSeconds, n / rawSeconds, rawSeconds / run.firstToLast());
        }
        double[] steady = twoWriters.subList(WARM_RUNS - 3, WARM_RUNS).stream().mapToDouble(AuditRun::firstToLast).sorted().toArray();
        System.out.printf("audit [steady, 2 writers] median of the last 3 runs: audit %.2f s = %.0f events/s; raw %.2f s; ratio %.2f "
                        + "(the three: %.2f-%.2f)%n", steady[1], n / steady[1], rawSeconds, rawSeconds / steady[1],
                rawSeconds / steady[2], rawSeconds / steady[0]);
    }

    /** One audit service run: seconds from its start and from its first record received to its last row committed. */
    private record AuditRun(String label, double startToLast, double firstToLast) {
    }

    private static AuditRun auditRun(BenchDatabase postgres, EmbeddedKafka kafka, String topic, int n, String database,
                                     int pool, String label, CpuTime cpu) throws Exception {
        // A name of this run's own, so a shared (remote) server's earlier runs do not collide.
        database = database + "_" + RUN;
        postgres.admin("CREATE DATABASE " + database);
        String url = postgres.url(database);
        // The service's own counters tell when the first record arrived (records received from
        // Kafka) and when the last row was committed (appended, counted after the commit); reading
        // two LongAdders every millisecond does not perturb it the way polling the table would.
        long auditStart = System.nanoTime();
        long firstReceived = 0;
        long lastCommitted;
        long rows;
        long[] cpuAtFirst = null;
        ThreadCpu threadsAtFirst = null;
        long jitAtFirst = 0;
        long gcAtFirst = 0;
        try (AuditService service = AuditService.start(AuditSettings.fromEnvironment(Map.of(
                "TASKLANE_PORT", "0", "TASKLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(), "TASKLANE_KAFKA_TOPIC", topic,
                "TASKLANE_CONSUMER_GROUP", "bench-" + database, "TASKLANE_DB_POOL", Integer.toString(pool),
                "TASKLANE_DB_URL", url, "TASKLANE_DB_USER", postgres.user(), "TASKLANE_DB_PASSWORD", postgres.password())))) {
            ServiceMetrics metrics = service.metrics();
            System.out.printf("audit [%s]: service started in %.2f s%n", label, (System.nanoTime() - auditStart) / 1e9);
            while (metrics.counter(AuditHandler.APPENDED) + metrics.counter(AuditHandler.DUPLICATES) < n) {
                if (firstReceived == 0 && metrics.counter(ConsumerLoop.RECEIVED) > 0) {
                    firstReceived = System.nanoTime();
                    cpuAtFirst = cpu.now();
                    threadsAtFirst = ThreadCpu.now();
                    jitAtFirst = jitMillis();
                    gcAtFirst = gcMillis();
                }
                Thread.sleep(1);
            }
            lastCommitted = System.nanoTime();
            long[] cpuAtLast = cpu.now();
            System.out.printf("audit [%s]: CPU from first record to last row: this JVM (service, Kafka broker, GC, JIT) %.1f µs, "
                            + "PostgreSQL %.1f µs per event; %.0f %% of the %d cores this JVM may use busy%n", label,
                    (cpuAtLast[0] - cpuAtFirst[0]) / 1e3 / n, (cpuAtLast[1] - cpuAtFirst[1]) / 1e3 / n,
                    busyPercent(cpuAtFirst, cpuAtLast, lastCommitted - firstReceived), Runtime.getRuntime().availableProcessors());
            System.out.printf("audit [%s]: meanwhile JIT compilation %d ms, GC %d ms (this JVM)%n", label,
                    jitMillis() - jitAtFirst, gcMillis() - gcAtFirst);
            System.out.printf("audit [%s]: this JVM's CPU per event by thread: %s%n", label,
                    ThreadCpu.now().perEventSince(threadsAtFirst, cpuAtLast[0] - cpuAtFirst[0], n));
            try (Connection connection = DriverManager.getConnection(url, postgres.user(), postgres.password());
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT count(*) FROM audit.event_log")) {
                result.next();
                rows = result.getLong(1);
            }
        }
        System.out.printf("audit [%s]: %d rows in audit.event_log; first record received %.2f s after start%n",
                label, rows, (firstReceived - auditStart) / 1e9);
        // Dropped once counted: otherwise autovacuum's first VACUUM and ANALYZE of every earlier
        // run's 100,000 fresh rows land in later runs' windows and are charged to them (a service
        // has one log, not a new one every few seconds).
        postgres.admin("DROP DATABASE " + database + " WITH (FORCE)");
        return new AuditRun(label, (lastCommitted - auditStart) / 1e9, (lastCommitted - firstReceived) / 1e9);
    }

    /**
     * CPU time so far, in nanoseconds: of this JVM (service, Kafka broker, bench) and of the
     * embedded PostgreSQL (postmaster, its live processes, and those that already ended), from
     * /proc on Linux; PostgreSQL's figure is 0 elsewhere.
     */
    private record CpuTime(Optional<Path> postgresData) {
        long[] now() {
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new long[] {jvm, postgres()};
        }

        private long postgres() {
            try {
                if (postgresData.isEmpty()) {
                    return 0;
                }
                long postmaster = Long.parseLong(Files.readAllLines(postgresData.get().resolve("postmaster.pid")).getFirst().trim());
                long ticks = 0;
                try (var processes = Files.list(Path.of("/proc"))) {
                    for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                        String[] stat;
                        try {
                            String text = Files.readString(process.resolve("stat"));
                            stat = text.substring(text.lastIndexOf(')') + 2).split(" ");
                        } catch (java.io.IOException gone) {
                            continue;
                        }
                        long pid = Long.parseLong(process.getFileName().toString());
                        // After the command: [0] state, [1] ppid, …, [11] utime, [12] stime, [13] cutime, [14] cstime.
                        if (pid == postmaster) {
                            ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                        } else if (Long.parseLong(stat[1]) == postmaster) {
                            ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                        }
                    }
                }
                return ticks * 10_000_000L; // USER_HZ is 100 on Linux
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /**
     * CPU time of each live thread of this JVM (the carriers' time includes the virtual threads
     * they ran), to show where the JVM's share goes: the service's consumer and worker threads,
     * its writers, the Kafka broker's, and — as the rest — JIT compiler and GC threads.
     */
    private record ThreadCpu(Map<Long, String> names, Map<Long, Long> nanos) {
        static ThreadCpu now() {
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<Long, String> names = new java.util.HashMap<>();
            Map<Long, Long> nanos = new java.util.HashMap<>();
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null) {
                    long time = threads.getThreadCpuTime(info.getThreadId());
                    if (time >= 0) {
                        names.put(info.getThreadId(), info.getThreadName());
                        nanos.put(info.getThreadId(), time);
                    }
                }
            }
            return new ThreadCpu(names, nanos);
        }

        /** µs per event by thread kind (numbers and the run's group name folded), largest first, then the rest of {@code processNanos}. */
        String perEventSince(ThreadCpu before, long processNanos, int n) {
            Map<String, Long> byKind = new java.util.TreeMap<>();
            long threads = 0;
            for (var entry : nanos.entrySet()) {
                long spent = entry.getValue() - before.nanos().getOrDefault(entry.getKey(), 0L);
                String kind = names.get(entry.getKey()).replaceAll("bench-bench_audit\\w*", "audit").replaceAll("\\d+", "#");
                byKind.merge(kind, spent, Long::sum);
                threads += spent;
            }
            StringBuilder text = new StringBuilder();
            byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(kind -> kind.getValue() / 1e3 / n >= 0.1)
                    .forEach(kind -> text.append(String.format("%s %.1f, ", kind.getKey(), kind.getValue() / 1e3 / n)));
            return text.append(String.format("JIT/GC/VM and ended threads %.1f µs", (processNanos - threads) / 1e3 / n)).toString();
        }
    }

    /** How busy the cores this JVM may use were over {@code nanos} of wall time: this JVM's and PostgreSQL's CPU together. */
    private static double busyPercent(long[] cpuBefore, long[] cpuAfter, long nanos) {
        long cpu = (cpuAfter[0] - cpuBefore[0]) + (cpuAfter[1] - cpuBefore[1]);
        return 100.0 * cpu / (Runtime.getRuntime().availableProcessors() * (double) nanos);
    }

    private static long jitMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Seconds a bare consumer (new group, no parsing) takes: from subscribe and from its first record, to the last record. */
    private record RawRead(double subscribeToLast, double firstToLast) {
    }

    private static RawRead rawRead(EmbeddedKafka kafka, String topic, int n, CpuTime cpu) {
        long subscribed = System.nanoTime();
        long first = 0;
        long[] cpuAtFirst = null;
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, topic)) {
            while (read < n) {
                int count = consumer.poll(Duration.ofMillis(100)).count();
                if (count > 0 && first == 0) {
                    first = System.nanoTime();
                    cpuAtFirst = cpu.now();
                }
                read += count;
            }
        }
        long last = System.nanoTime();
        long[] cpuAtLast = cpu.now();
        System.out.printf("audit: raw consumer CPU from first to last record: this JVM %.1f µs per record; %.0f %% of the %d cores this JVM may use busy%n",
                (cpuAtLast[0] - cpuAtFirst[0]) / 1e3 / n, busyPercent(cpuAtFirst, cpuAtLast, last - first),
                Runtime.getRuntime().availableProcessors());
        return new RawRead((last - subscribed) / 1e9, (last - first) / 1e9);
    }

    private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafka kafka, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.tasklane.desktop.bench;

import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.desktop.sync.client.SyncClient;
import dev.tasklane.server.ratelimit.RateLimits;
import dev.tasklane.stack.LocalStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * First sign-in on a new device (prints figures; asserts nothing). Starts the real cloud side in
 * this JVM (embedded PostgreSQL, Kafka, Redis, the sync server), puts N tasks (default 100,000)
 * into one account through the sync API, then starts {@link FirstSyncDevice} — the desktop's
 * window, view models and sync engine over a new, empty store — as a separate JVM, so the
 * server's work and garbage collection never count as the device's UI stalls. Run: see
 * docs/benchmarks.md.
 */
public final class FirstSyncBench {

    private static final String PASSWORD = "correct horse battery";

    private FirstSyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = Integer.parseInt(setting("bench.runs", "2"));
        System.out.printf("Tasklane first-sync benchmark: %,d tasks, %d cores, Java %s%n", count,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        Path directory = Files.createTempDirectory("tasklane-first-sync-server");
        try (LocalStack stack = LocalStack.start(directory, new LocalStack.Ports(0, freePort(), freePort(), freePort(), freePort()),
                "first-sync-bench-secret-first-sync-bench-0123456789",
                new RateLimits(100_000, 100_000, 100_000, Duration.ofMinutes(1)))) {
            URI server = URI.create("http://localhost:" + stack.server().port());
            String email = "first-sync-" + UUID.randomUUID() + "@example.test";
            SyncClient.register(server, email, PASSWORD);
            seed(SyncClient.login(server, email, PASSWORD, "seeder"), count);
            waitUntilQuiet(stack);
            // bench.beforeClasspath (BENCH_BEFORECLASSPATH): another build's class path (the code
            // before a change); its device runs alternate with this build's against the same account.
            // bench.beforeTree (BENCH_BEFORETREE): a checkout of the code before a change, built with
            // test-compile; its device runs use this class path with that tree's classes instead.
            String before = setting("bench.beforeClasspath", "");
            String beforeTree = setting("bench.beforeTree", "");
            if (before.isBlank() && !beforeTree.isBlank()) {
                String root = Path.of("").toAbsolutePath().getParent().toString() + "/"; // exec runs in desktop/
                before = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                        .map(entry -> entry.startsWith(root) ? beforeTree + "/" + entry.substring(root.length()) : entry)
                        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
            }
            for (int run = 1; run <= runs; run++) {
                if (!before.isBlank()) {
                    device(run + " before", before, server, email, count);
                }
                device(before.isBlank() ? Integer.toString(run) : run + " after", System.getProperty("java.class.path"), server, email, count);
            }
        } finally {
            deleteRecursively(directory); // the embedded databases take ~250 MB per 100,000 tasks
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Pushes {@code count} new tasks, 500 per request, as another device of the account would. */
    private static void seed(SyncClient client, int count) throws Exception {
        long start = System.nanoTime();
        Random random = new Random(42);
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Berlin"));
        HybridLogicalClock clock = new HybridLogicalClock(Clock.systemUTC(), "seeder");
        List<Mutation> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dev.tasklane.core.task.Task task = DesktopBench.randomTask(random, i, now, today);
            batch.add(Mutations.between(TaskState.empty(task.id()), task, clock.tick(), TaskIds.newMutationId()));
            if (batch.size() == 500 || i == count - 1) {
                // Push only (cursor Long.MAX_VALUE): the seeder has no use for the pull.
                SyncResponse response = client.sync(new SyncRequest("seeder", Long.MAX_VALUE, batch));
                if (response.applied().size() != batch.size()) {
                    throw new IllegalStateException("server applied " + response.applied().size() + " of " + batch.size()
                            + ": " + response.rejected());
                }
                batch.clear();
            }
        }
        System.out.printf("seed: %,d tasks pushed to the server in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Waits until the cloud side has finished with what the seeding produced: the outbox relay has
     * sent every event (no outbox rows left) and every consumer group (audit, recurrence,
     * reminders, the server's own) has read to the end of every partition. A new device signs in
     * to an account whose tasks already exist; measured right after the seeding, the device
     * competed for the two cores with the relay, Kafka and three consumers still working through
     * 100,000 events.
     */
    private static void waitUntilQuiet(LocalStack stack) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(10).toNanos();
        int quietPolls = 0;
        String last = "";
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl(), "postgres", "postgres");
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                long outbox;
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")) {
                    rows.next();
                    outbox = rows.getLong(1);
                }
                Map<String, Long> lag = consumerLag(admin);
                last = String.format("outbox %,d rows, consumer lag %s", outbox, lag);
                boolean quiet = outbox == 0 && lag.size() >= 3 && lag.values().stream().allMatch(l -> l == 0);
                // Twice in a row, 0.5 s apart: a consumer may commit before it has finished writing.
                quietPolls = quiet ? quietPolls + 1 : 0;
                if (quietPolls == 2) {
                    System.out.printf("cloud side quiet %.1f s after the seeding (%s)%n", (System.nanoTime() - start) / 1e9, last);
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the cloud side did not settle within 10 minutes: " + last);
    }

    /** Per consumer group: the sum over partitions of (end offset − committed offset). */
    private static Map<String, Long> consumerLag(Admin admin) throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        for (var group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long behind = 0;
            for (var entry : committed.entrySet()) {
                long end = ends.get(entry.getKey()).offset();
                behind += entry.getValue() == null ? end : Math.max(0, end - entry.getValue().offset());
            }
            lag.put(group.groupId(), behind);
        }
        return lag;
    }

    private static void device(String run, String classPath, URI server, String email, int count) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            command.addAll(Arrays.asList("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
        }
        String extra = setting("bench.deviceJvm", "");
        if (!extra.isBlank()) {
            command.addAll(Arrays.asList(extra.split(" "))); // e.g. a flight recording of the device
        }
        command.addAll(List.of("-cp", classPath, FirstSyncDevice.class.getName(),
                server.toString(), email, PASSWORD, Integer.toString(count)));
        java.time.Duration cloudBefore = cloudCpu();
        long startedAt = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("first-sync")) {
                    System.out.println("run " + run + " (" + (display == null || display.isBlank() ? "Monocle headless" : "X display")
                            + "): " + line);
                }
            }
        }
        process.waitFor();
        System.out.printf("run %s: the cloud side (this JVM and PostgreSQL) used %.2f s of CPU during the device's %.1f s%n", run,
                (cloudCpu().minus(cloudBefore)).toMillis() / 1000.0, (System.nanoTime() - startedAt) / 1e9);
    }

    /** CPU used so far by this JVM (server, Kafka, consumers) and its PostgreSQL processes, not the device's. */
    private static java.time.Duration cloudCpu() {
        java.time.Duration total = ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            if (child.info().command().map(c -> c.contains("postgres")).orElse(false)) {
                total = total.plus(child.info().totalCpuDuration().orElse(java.time.Duration.ZERO));
            }
        }
        return total;
    }

    /**
     * A setting from a system property, or else from the environment ({@code bench.runs} →
     * {@code BENCH_RUNS}): `exec:exec` starts this JVM without Maven's {@code -D} properties, but
     * with its environment.
     */
    private static String setting(String name, String otherwise) {
        String value = System.getProperty(name, System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_')));
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.tasklane.desktop.bench;

import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.desktop.sync.SyncClient;
import dev.tasklane.server.ratelimit.RateLimits;
import dev.tasklane.stack.LocalStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

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
        int runs = Integer.getInteger("bench.runs", 2);
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
            for (int run = 1; run <= runs; run++) {
                device(run, server, email, count);
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

    private static void device(int run, URI server, String email, int count) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            command.addAll(Arrays.asList("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
        }
        String extra = System.getProperty("bench.deviceJvm", "");
        if (!extra.isBlank()) {
            command.addAll(Arrays.asList(extra.split(" "))); // e.g. a flight recording of the device
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstSyncDevice.class.getName(),
                server.toString(), email, PASSWORD, Integer.toString(count)));
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
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

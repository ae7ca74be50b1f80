package dev.tasklane.desktop.bench;

import dev.tasklane.desktop.DesktopContext;
import dev.tasklane.desktop.service.tasks.TaskQuery;
import dev.tasklane.desktop.store.LocalDatabase;
import dev.tasklane.desktop.sync.SyncAccount;
import dev.tasklane.desktop.ui.MainView;
import dev.tasklane.desktop.ui.Themes;
import dev.tasklane.desktop.viewmodel.MainViewModel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The new device of {@link FirstSyncBench}, in its own JVM: the main window over an empty store,
 * signed in to the account, until every task is stored and listed. Meanwhile a probe posts a
 * task to the UI thread every 10 ms and notes how long each waited — the longest wait is the
 * longest the UI did not respond. Prints {@code first-sync…} lines.
 */
public final class FirstSyncDevice {

    private static final long PROBE_EVERY_MS = 10;

    private FirstSyncDevice() {
    }

    /**
     * Probes posted every 10 ms during one long stall all wait: a 700 ms stall is ~60 waits over
     * 100 ms. This groups them into stalls (probes whose waits overlap) and prints when each began
     * (from sign-in) and how long the UI thread did not respond.
     */
    private static void printStalls(List<long[]> probes, long startedAt) {
        List<long[]> sorted;
        synchronized (probes) {
            sorted = probes.stream().sorted(java.util.Comparator.comparingLong(p -> p[0])).toList();
        }
        List<long[]> stalls = new ArrayList<>(); // {from, until}
        for (long[] probe : sorted) {
            if (probe[1] <= 100_000_000L) {
                continue;
            }
            long until = probe[0] + probe[1];
            if (!stalls.isEmpty() && probe[0] <= stalls.getLast()[1]) {
                stalls.getLast()[1] = Math.max(stalls.getLast()[1], until);
            } else {
                stalls.add(new long[] {probe[0], until});
            }
        }
        StringBuilder text = new StringBuilder();
        long fromSignIn = stalls.stream().filter(stall -> stall[0] >= startedAt).count();
        long longest = stalls.stream().filter(stall -> stall[0] >= startedAt).mapToLong(stall -> (stall[1] - stall[0]) / 1_000_000).max().orElse(0);
        System.out.printf("first-sync UI stalls over 100 ms from sign-in to all listed: %d, longest %d ms%n", fromSignIn, longest);
        for (long[] stall : stalls) {
            text.append(String.format(" %.2f s+%d ms;", (stall[0] - startedAt) / 1e9, (stall[1] - stall[0]) / 1_000_000));
        }
        System.out.printf("first-sync UI stalls over 100 ms, window opening included: %d (at, from sign-in, + length):%s%n", stalls.size(),
                text);
    }

    /**
     * CPU time of this JVM's threads by name (Linux: /proc/self/task), the largest first — the
     * JIT compilers and GC workers included, which a Java profile does not show.
     */
    private static void printThreadCpu() {
        java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return; // not Linux
        }
        long total = ticks.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder();
        ticks.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> text.append(String.format(" %s %.2f s;", e.getKey(), e.getValue() / 100.0)));
        System.out.printf("first-sync device CPU by thread (of %.2f s in all):%s%n", total / 100.0, text);
    }

    private static boolean settled(List<long[]> probes) {
        synchronized (probes) {
            return probes.size() >= 20 && probes.subList(probes.size() - 20, probes.size()).stream().allMatch(p -> p[1] < 20_000_000L);
        }
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        String email = args[1];
        String password = args[2];
        int expected = Integer.parseInt(args[3]);
        Path directory = Files.createTempDirectory("tasklane-first-sync-device");
        LocalDatabase database = LocalDatabase.open(directory);
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
                dev.tasklane.desktop.threads.BackgroundPriority.threads("tasklane-background")); // as the app
        List<long[]> probes = java.util.Collections.synchronizedList(new ArrayList<>()); // {posted, waited} in ns
        Set<String> statuses = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        CountDownLatch done = new CountDownLatch(1);
        long[] startedAt = new long[1];
        long[] listedAt = new long[1];
        long[] firstPageAt = new long[1];
        long[] syncedAt = new long[1];
        DesktopContext[] holder = new DesktopContext[1];
        SyncAccount[] accounts = new SyncAccount[1];
        Platform.startup(() -> {
            DesktopContext context = DesktopContext.create(database, Clock.systemDefaultZone(), ZoneId.systemDefault(), Platform::runLater);
            holder[0] = context;
            MainViewModel model = context.mainViewModel();
            MainView view = new MainView(model, context.editorViewModel());
            Scene scene = new Scene(view.root(), 1100, 700);
            Themes.apply(scene, false);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            Label status = (Label) scene.lookup("#statusBar");
            status.textProperty().addListener((obs, old, text) -> {
                statuses.add(text);
                if (text.startsWith("Downloading") && firstPageAt[0] == 0) {
                    firstPageAt[0] = System.nanoTime();
                } else if (text.startsWith("Synced") && syncedAt[0] == 0) {
                    syncedAt[0] = System.nanoTime();
                }
            });
            background.execute(model::load);
            accounts[0] = new SyncAccount(context.tasks(), context.preferences(), context.syncStatus(), Clock.systemDefaultZone(),
                    background, "first-sync bench device");
            // Done when every task is stored and indexed, the list shows the whole index, and sync is idle.
            javafx.animation.Timeline check = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.millis(50), e -> {
                if (listedAt[0] == 0 && context.tasks().size() == expected && status.getText().startsWith("Synced")
                        && model.rows().size() == context.tasks().query(TaskQuery.all()).size()) {
                    listedAt[0] = System.nanoTime();
                    done.countDown();
                }
            }));
            check.setCycleCount(javafx.animation.Animation.INDEFINITE);
            check.play();
        });
        Thread probe = Thread.ofPlatform().daemon().name("ui-probe").start(() -> {
            while (done.getCount() > 0) {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    long waited = System.nanoTime() - posted;
                    probes.add(new long[] {posted, waited});
                });
                try {
                    Thread.sleep(PROBE_EVERY_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        // A user signs in to a window that is open: wait until the window has settled (the UI
        // thread answered 20 probes in a row within 20 ms; at most 10 s), then sign in.
        long settleBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < settleBy && !settled(probes)) {
            Thread.sleep(50);
        }
        startedAt[0] = System.nanoTime();
        background.execute(() -> {
            try {
                accounts[0].signIn(server, email, password, false);
            } catch (Exception e) {
                System.out.println("first-sync failed: " + e);
                done.countDown();
            }
        });
        boolean finished = done.await(10, TimeUnit.MINUTES);
        probe.interrupt();
        long stored;
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM tasks")) {
            rows.next();
            stored = rows.getLong(1);
        }
        long[] sorted;
        synchronized (probes) { // from sign-in to the end (the window's opening is the start-up bench's)
            sorted = probes.stream().filter(p -> p[0] >= startedAt[0] && (listedAt[0] == 0 || p[0] <= listedAt[0]))
                    .mapToLong(p -> p[1]).sorted().toArray();
        }
        long over100 = java.util.Arrays.stream(sorted).filter(n -> n > 100_000_000L).count();
        List<String> downloading = statuses.stream().filter(s -> s.startsWith("Downloading")).toList();
        System.out.printf("first-sync: %s; %,d tasks stored, %,d in memory, all listed after %.2f s from sign-in%n",
                finished && listedAt[0] > 0 ? "complete" : "NOT complete", stored, holder[0] == null ? 0 : holder[0].tasks().size(),
                (listedAt[0] - startedAt[0]) / 1e9);
        if (sorted.length > 0) {
            System.out.printf("first-sync UI thread from sign-in: %,d probes, wait p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d waits over 100 ms%n",
                    sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                    sorted[sorted.length - 1] / 1e6, over100);
        }
        System.out.printf("first-sync marks from sign-in: first progress shown %.2f s, \"Synced\" shown %.2f s, all listed %.2f s%n",
                (firstPageAt[0] - startedAt[0]) / 1e9, (syncedAt[0] - startedAt[0]) / 1e9, (listedAt[0] - startedAt[0]) / 1e9);
        printStalls(probes, startedAt[0]);
        printThreadCpu();
        System.out.printf("first-sync status bar: %d progress texts, e.g. %s … %s%n", downloading.size(),
                downloading.isEmpty() ? "none" : "“" + downloading.getFirst() + "”",
                downloading.isEmpty() ? "" : "“" + downloading.getLast() + "”");
        Platform.runLater(Platform::exit);
        background.shutdownNow();
        database.close();
        FirstSyncBench.deleteRecursively(directory);
        System.exit(0);
    }
}

package dev.tasklane.desktop.bench;

import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.DesktopContext;
import dev.tasklane.desktop.service.tasks.SmartList;
import dev.tasklane.desktop.store.LocalDatabase;
import dev.tasklane.desktop.viewmodel.MainViewModel;
import dev.tasklane.desktop.viewmodel.SidebarItem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Desktop benchmark (prints figures; asserts nothing). With N tasks (default 100,000) in a real
 * local store it measures: cold start of the real app to its first window and to all tasks in
 * memory, resident memory, search/filter latency as the main view model experiences it, and the
 * commit time of adding a task. Run: see docs/benchmarks.md.
 */
public final class DesktopBench {

    private static final String[] WORDS = ("buy milk call mum book dentist renew passport water plants pay rent write report "
            + "review budget fix bike plan trip clean garage email landlord order parts prepare slides update resume "
            + "walk dog read chapter backup laptop file taxes cancel gym schedule meeting").split(" ");
    private static final String[] TAGS = {"home", "work", "errands", "family", "health", "finance", "travel", "books", "admin", "garden"};
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private DesktopBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String mode = args.length > 1 ? args[1] : "all";
        // -Dbench.store=<folder>: seed that folder once and reuse it on later runs.
        String reuse = System.getProperty("bench.store", "");
        Path directory = reuse.isBlank() ? Files.createTempDirectory("tasklane-bench") : Files.createDirectories(Path.of(reuse));
        if (mode.equals("phases")) {
            phases(directory);
            return;
        }
        if (mode.equals("start")) {
            coldStart(directory, 3);
            return;
        }
        System.out.printf("Tasklane desktop benchmark: %,d tasks, %d cores, Java %s%n", count,
                Runtime.getRuntime().availableProcessors(), Runtime.version());

        try (LocalDatabase database = LocalDatabase.open(directory)) {
            // Like Platform.runLater: view-model updates queue up and run after the measured call.
            java.util.Queue<Runnable> uiQueue = new java.util.concurrent.ConcurrentLinkedQueue<>();
            DesktopContext context = DesktopContext.create(database, Clock.systemUTC(), ZONE, uiQueue::add);
            long seedStart = System.nanoTime();
            context.tasks().load();
            if (context.tasks().size() == 0) {
                seed(context, count);
                System.out.printf("seed: %,d tasks in %.1f s (one transaction per 1,000)%n", count, (System.nanoTime() - seedStart) / 1e9);
            } else {
                System.out.printf("seed: reusing the store in %s (%,d tasks)%n", directory, context.tasks().size());
            }
            uiQueue.clear(); // the seeding's list refreshes are not part of any figure

            long loadStart = System.nanoTime();
            MainViewModel model = context.mainViewModel();
            model.load();
            drain(uiQueue);
            System.out.printf("load into memory + first refresh: %.0f ms%n", (System.nanoTime() - loadStart) / 1e6);

            measureSearch(model);
            measureAdd(context, uiQueue);
        }
        if (!mode.equals("inprocess")) { // -Dbench.mode=inprocess: search and add only
            coldStart(directory, 3);
        }
    }

    /** Times the parts of a start in one JVM (store open, first page, full read, index), each once, cold. */
    private static void phases(Path directory) throws Exception {
        long start = System.nanoTime();
        try (LocalDatabase database = LocalDatabase.open(directory)) {
            long opened = System.nanoTime();
            dev.tasklane.desktop.store.TaskStore store = new dev.tasklane.desktop.store.TaskStore(database.dataSource(), ZONE);
            int first = store.firstOpenByDue(300).size();
            long firstPage = System.nanoTime();
            int all = store.loadLive().size();
            long read = System.nanoTime();
            DesktopContext context = DesktopContext.create(database, Clock.systemUTC(), ZONE, Runnable::run);
            context.tasks().load();
            long indexed = System.nanoTime();
            System.out.printf("phases: store open %.0f ms, first page (%d) %.0f ms, read all (%d) %.0f ms, read + index again %.0f ms%n",
                    (opened - start) / 1e6, first, (firstPage - opened) / 1e6, all, (read - firstPage) / 1e6, (indexed - read) / 1e6);
        }
    }

    private static void seed(DesktopContext context, int count) {
        Random random = new Random(42);
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(ZONE);
        List<Task> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(randomTask(random, i, now, today));
            if (batch.size() == 1_000) {
                context.tasks().createAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            context.tasks().createAll(batch);
        }
    }

    /**
     * A task like the benchmarks' users have: random titles, ¼ all-day and ¼ timed dues over ±60
     * days, ⅓ tagged with one of 10 tags, ⅕ with notes, 10 % completed.
     */
    static Task randomTask(Random random, int i, Instant now, LocalDate today) {
        String title = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + i;
        Optional<Due> due = Optional.empty();
        int kind = random.nextInt(4);
        if (kind == 1) {
            due = Optional.of(new Due.AllDay(today.plusDays(random.nextInt(120) - 60)));
        } else if (kind == 2) {
            due = Optional.of(new Due.Timed(LocalDateTime.of(today.plusDays(random.nextInt(120) - 60), java.time.LocalTime.of(9 + random.nextInt(9), 0)), ZONE));
        }
        List<String> tags = random.nextInt(3) == 0 ? List.of(TAGS[random.nextInt(TAGS.length)]) : List.of();
        return new Task(TaskIds.newTaskId(), title, random.nextInt(5) == 0 ? "notes about " + title : "",
                Priority.values()[random.nextInt(4)], tags, due, Optional.empty(), Optional.empty(), Optional.empty(),
                random.nextInt(10) == 0 ? Optional.of(now) : Optional.empty(), false, now, now);
    }

    private static void measureSearch(MainViewModel model) {
        Random random = new Random(7);
        List<Long> nanos = new ArrayList<>();
        // By kind too: which kind of step makes the tail.
        Map<String, List<Long>> byKind = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            long start = System.nanoTime();
            switch (i % 4) {
                case 0 -> model.searchTextProperty().set(WORDS[random.nextInt(WORDS.length)].substring(0, 3));
                case 1 -> model.searchTextProperty().set(WORDS[random.nextInt(WORDS.length)] + " " + random.nextInt(100));
                case 2 -> model.selectSidebarItem(new SidebarItem.ListItem(SmartList.values()[random.nextInt(5)], 0));
                default -> model.selectSidebarItem(new SidebarItem.TagItem(TAGS[random.nextInt(TAGS.length)], "", 0));
            }
            nanos.add(System.nanoTime() - start);
            if (i >= 50) {
                byKind.computeIfAbsent(switch (i % 4) {
                    case 0 -> "search, one word";
                    case 1 -> "search, two words";
                    case 2 -> "select a smart list";
                    default -> "select a tag";
                }, k -> new ArrayList<>()).add(nanos.getLast());
            }
            if (i % 4 == 1) {
                model.searchTextProperty().set("");
            }
        }
        print("search/filter (query + rows of the main view model)", nanos.subList(50, nanos.size()));
        byKind.forEach((kind, times) -> print("  … " + kind, times));
    }

    private static void measureAdd(DesktopContext context, java.util.Queue<Runnable> uiQueue) {
        List<Long> commits = new ArrayList<>();
        List<Long> refreshes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long start = System.nanoTime();
            context.tasks().quickAdd("Bench task " + i + " tomorrow 9am !high #work");
            commits.add(System.nanoTime() - start);
            long refresh = System.nanoTime();
            drain(uiQueue);
            refreshes.add(System.nanoTime() - refresh);
        }
        print("add task commit (parse + one H2 transaction: row, state, outbox)", commits.subList(100, commits.size()));
        print("list + sidebar refresh after an add (UI thread, not in the commit)", refreshes.subList(100, refreshes.size()));
    }

    private static void drain(java.util.Queue<Runnable> queue) {
        Runnable next;
        while ((next = queue.poll()) != null) {
            next.run();
        }
    }

    private static void coldStart(Path directory, int runs) throws Exception {
        List<Map<String, String>> results = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Dtasklane.exitAfterStartup=true"));
            String display = System.getenv("DISPLAY");
            if (display == null || display.isBlank()) {
                command.addAll(Arrays.asList("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw"));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.tasklane.desktop.Launcher"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("TASKLANE_DATA_DIR", directory.toString());
            builder.environment().put("TASKLANE_NOTIFIER", "in-app");
            Process process = builder.start();
            Map<String, String> figures = new HashMap<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("tasklane.")) {
                        String[] parts = line.split("[= ]");
                        figures.put(parts[0], parts[1]);
                    }
                }
            }
            process.waitFor();
            results.add(figures);
            System.out.printf("cold start run %d (%s): first window %s ms, store open %s ms, main view %s ms, "
                            + "usable (first rows listed) %s ms, all tasks in memory and listed %s ms, RSS %s MB%n", run + 1,
                    display == null || display.isBlank() ? "Monocle headless" : "X display " + display,
                    figures.get("tasklane.startup.firstWindowMs"), figures.get("tasklane.startup.storeOpenMs"),
                    figures.get("tasklane.startup.mainViewShownMs"), figures.get("tasklane.startup.usableMs"),
                    figures.get("tasklane.startup.tasksLoadedMs"),
                    figures.containsKey("tasklane.rssKb") ? Long.parseLong(figures.get("tasklane.rssKb")) / 1024 : "?");
        }
    }

    private static void print(String what, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s: n=%d p50 %.2f ms, p95 %.2f ms, max %.2f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}

package dev.tasklane.desktop;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Start-up marks for the benchmarks ({@code docs/benchmarks.md}): each phase prints how long
 * after JVM start it ended, as {@code tasklane.startup.<phase>Ms=<uptime>}. The first window and
 * "all tasks loaded" always print (the installers' start-up bench reads them); the other phases
 * only in benchmark mode ({@code -Dtasklane.exitAfterStartup=true}), which also prints resident
 * memory and quits once every task is listed.
 */
public final class StartupProbe {

    /** The phases, in the order a start normally passes them. */
    public enum Phase {
        /** The window with the "Opening your tasks…" indicator is on screen. */
        FIRST_WINDOW("firstWindow", true),
        /** The local store is open (schema checked). */
        STORE_OPEN("storeOpen", false),
        /** The main view replaced the indicator (the list may still be loading). */
        MAIN_VIEW_SHOWN("mainViewShown", false),
        /** The main view shows tasks (the start of the default list), scrolls and takes quick adds. */
        USABLE("usable", false),
        /** Every task is in memory and the list shows them all. */
        TASKS_LOADED("tasksLoaded", true);

        private final String key;
        private final boolean always;

        Phase(String key, boolean always) {
            this.key = key;
            this.always = always;
        }
    }

    private final boolean benchmark;
    private final PrintStream out;
    private final Set<Phase> passed = EnumSet.noneOf(Phase.class);

    /** @param benchmark print every phase and quit after start-up */
    public StartupProbe(boolean benchmark, PrintStream out) {
        this.benchmark = benchmark;
        this.out = out;
    }

    public static StartupProbe fromSystemProperties() {
        return new StartupProbe(Boolean.getBoolean("tasklane.exitAfterStartup"), System.out);
    }

    /** Whether the app should quit once started (benchmark and AOT training runs). */
    public boolean exitAfterStartup() {
        return benchmark;
    }

    /** Notes that {@code phase} ended now; only the first time counts. */
    public synchronized void mark(Phase phase) {
        mark(phase, "");
    }

    /** As {@link #mark(Phase)}, with details after the figure ({@code tasks=100000}). */
    public synchronized void mark(Phase phase, String details) {
        if (!passed.add(phase) || !(benchmark || phase.always)) {
            return;
        }
        out.println("tasklane.startup." + phase.key + "Ms=" + ManagementFactory.getRuntimeMXBean().getUptime()
                + (details.isEmpty() ? "" : " " + details));
    }

    /**
     * Prints resident memory after a full collection, once the JVM has returned the heap it freed
     * (G1 does that on a background thread after the collection; it settles within ~1 s), benchmark
     * mode only.
     */
    public void reportMemory() {
        if (benchmark) {
            System.gc();
            long rss = residentKilobytes();
            for (int i = 0; i < 20; i++) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                long now = residentKilobytes();
                if (now >= rss - 1024 && i >= 5) {
                    rss = now;
                    break; // settled
                }
                rss = now;
            }
            out.println("tasklane.rssKb=" + rss);
        }
    }

    /** VmRSS from /proc on Linux; -1 elsewhere. */
    static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

package dev.tasklane.desktop;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets the JVM give back heap the app no longer uses. Reading 100,000 tasks at start-up grows the
 * heap to ~260 MB while only ~100 MB stay live; with HotSpot's defaults (give back only above 70 %
 * free) that memory stayed resident for the whole session. Set at run time (the flags are
 * "manageable"), so the installed app, {@code exec:exec@run} and the benchmarks all behave alike
 * without launcher options.
 */
final class HeapFootprint {

    private static final Logger LOG = Logger.getLogger(HeapFootprint.class.getName());
    /** Give back heap when more than this share of it is free after a collection that can resize it. */
    static final String MAX_FREE_PERCENT = "30";
    static final String MIN_FREE_PERCENT = "10";
    /** When the app idles this long, G1 runs a concurrent cycle, which also returns unused heap. */
    static final String IDLE_COLLECTION_MS = "60000";

    private HeapFootprint() {
    }

    static void returnUnusedHeap() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            // Min first: Max may not go below it.
            vm.setVMOption("MinHeapFreeRatio", MIN_FREE_PERCENT);
            vm.setVMOption("MaxHeapFreeRatio", MAX_FREE_PERCENT);
            if (vm.getVMOption("UseG1GC").getValue().equals("true")) {
                vm.setVMOption("G1PeriodicGCInterval", IDLE_COLLECTION_MS);
            }
        } catch (RuntimeException e) {
            // Another JVM, or flags it does not have: only the footprint differs.
            LOG.log(Level.FINE, "heap footprint flags not set", e);
        }
    }
}

package dev.tasklane.desktop.threads;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Threads for background work — sync, loading the store, re-planning reminders — that give way to
 * the UI thread when both want a core. A first sync keeps a core busy for many seconds, and on two
 * cores the UI thread then waited for one (docs/benchmarks.md). Java thread priorities reach the
 * OS on Windows but HotSpot ignores them on Linux (unless run as root with a special flag), so on
 * Linux each such thread also raises its own nice value (setpriority on its thread id, through the
 * FFM API). Nothing else changes when the cores are idle: a lower priority only matters when a
 * thread of normal priority is waiting.
 */
public final class BackgroundPriority {

    private static final Logger LOG = Logger.getLogger(BackgroundPriority.class.getName());
    /** How much nicer than normal (0); 10 gives the UI thread about nine times the share of a contended core. */
    static final int NICE = 10;
    private static final int PRIO_PROCESS = 0;

    private BackgroundPriority() {
    }

    /** Daemon threads named {@code name} at the lowest priority this platform lets a program set. */
    public static ThreadFactory threads(String name) {
        ThreadFactory platform = Thread.ofPlatform().daemon().name(name).priority(Thread.MIN_PRIORITY).factory();
        return work -> platform.newThread(() -> {
            lowerThisThread();
            work.run();
        });
    }

    /** Lowers the calling thread's OS priority where Java's does not reach it (Linux). */
    static void lowerThisThread() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || !BackgroundPriority.class.getModule().isNativeAccessEnabled()) {
            return;
        }
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            MethodHandle gettid = linker.downcallHandle(libc.find("gettid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
            MethodHandle getpriority = linker.downcallHandle(libc.find("getpriority").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle setpriority = linker.downcallHandle(libc.find("setpriority").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            int tid = (int) gettid.invokeExact();
            // Relative to what the thread has (it inherits the process's nice value): never raised.
            int current = (int) getpriority.invokeExact(PRIO_PROCESS, tid);
            int result = (int) setpriority.invokeExact(PRIO_PROCESS, tid, Math.min(19, current + NICE));
            if (result != 0) {
                LOG.fine("could not lower the priority of background thread " + tid);
            }
        } catch (Throwable e) {
            // Only a scheduling preference: the work runs the same without it.
            LOG.log(Level.FINE, "could not lower a background thread's priority", e);
        }
    }
}

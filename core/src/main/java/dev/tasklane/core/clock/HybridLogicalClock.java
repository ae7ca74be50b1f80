package dev.tasklane.core.clock;

import java.time.InstantSource;
import java.util.Objects;

/**
 * A hybrid logical clock (Kulkarni et al.): timestamps that follow wall time when clocks agree
 * and stay causally ordered when they don't. Each local change takes {@link #tick()}; each clock
 * seen from another node goes through {@link #observe(Hlc)} so later local changes sort after it.
 *
 * <p>Thread-safe.
 */
public final class HybridLogicalClock {

    private static final int MAX_COUNTER = 99_999;

    private final InstantSource wallClock;
    private final String node;
    private long lastWall;
    private int lastCounter;

    public HybridLogicalClock(InstantSource wallClock, String node) {
        this.wallClock = Objects.requireNonNull(wallClock);
        this.node = Objects.requireNonNull(node);
        new Hlc(0, 0, node); // validates the node id early
    }

    public String node() {
        return node;
    }

    /** A timestamp for a new local event, strictly after every timestamp issued or observed. */
    public synchronized Hlc tick() {
        long wall = wallClock.millis();
        if (wall > lastWall) {
            lastWall = wall;
            lastCounter = 0;
        } else if (lastCounter < MAX_COUNTER) {
            lastCounter++;
        } else {
            // A bulk import can issue more stamps in one millisecond than the counter holds:
            // borrow the next millisecond rather than overflow (stays ordered, drifts by 1 ms).
            lastWall++;
            lastCounter = 0;
        }
        return new Hlc(lastWall, lastCounter, node);
    }

    /**
     * A timestamp after {@code floor} and after every timestamp issued or observed — in one step,
     * so a concurrent {@link #restart()} cannot fall between observing and ticking.
     */
    public synchronized Hlc tickAfter(Hlc floor) {
        observe(floor);
        return tick();
    }

    /** Merges a clock received from another node so that the next {@link #tick()} is after it. */
    public synchronized void observe(Hlc remote) {
        long wall = wallClock.millis();
        long max = Math.max(wall, Math.max(lastWall, remote.wallMillis()));
        if (max == lastWall && max == remote.wallMillis()) {
            lastCounter = Math.max(lastCounter, remote.counter());
        } else if (max == remote.wallMillis()) {
            lastCounter = remote.counter();
        } else if (max != lastWall) {
            lastCounter = 0;
        }
        lastWall = max;
    }

    /**
     * Forgets every timestamp issued or observed and follows the wall clock again. Only for a
     * device whose clock ran ahead and whose changes the server refused for it: those changes are
     * re-stamped, and without this every later stamp would stay as far ahead as the worst one.
     * (Writes stay above the values they replace because callers observe a task's clocks before
     * stamping a change to it.)
     */
    public synchronized void restart() {
        lastWall = 0;
        lastCounter = 0;
    }
}

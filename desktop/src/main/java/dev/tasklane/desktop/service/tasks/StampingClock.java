package dev.tasklane.desktop.service.tasks;

import dev.tasklane.desktop.store.PreferenceStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The wall clock this device stamps its changes with: the computer's clock, corrected by the
 * sync server's time when the two disagree by more than a minute. A server refuses changes stamped
 * more than five minutes ahead of its own time ({@code clock_ahead}); a computer whose clock runs
 * two hours fast would otherwise have every change refused. The correction survives restarts.
 */
public final class StampingClock implements InstantSource {

    static final String OFFSET = "clock.offsetMillis";
    /** Smaller differences are network delay and ordinary drift; not worth a correction. */
    static final Duration TOLERANCE = Duration.ofMinutes(1);

    private final InstantSource computer;
    private final PreferenceStore preferences;
    private volatile long offsetMillis;

    public StampingClock(InstantSource computer, PreferenceStore preferences) {
        this.computer = computer;
        this.preferences = preferences;
        this.offsetMillis = preferences.get(OFFSET).map(Long::parseLong).orElse(0L);
    }

    @Override
    public Instant instant() {
        return computer.instant().plusMillis(offsetMillis);
    }

    /** How far this device's stamps are moved from the computer's clock. */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis);
    }

    /**
     * Adopts the server's time, measured at the midpoint of the exchange, when it differs from the
     * corrected clock by more than the tolerance.
     *
     * @return whether the correction changed
     */
    boolean adopt(Instant serverTime, Instant sentAt, Instant receivedAt) {
        long midpoint = sentAt.toEpochMilli() + (receivedAt.toEpochMilli() - sentAt.toEpochMilli()) / 2;
        long estimate = serverTime.toEpochMilli() - midpoint;
        if (Math.abs(estimate - offsetMillis) < TOLERANCE.toMillis()) {
            return false;
        }
        offsetMillis = estimate;
        preferences.put(OFFSET, Long.toString(estimate));
        return true;
    }
}

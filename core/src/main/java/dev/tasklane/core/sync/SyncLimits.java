package dev.tasklane.core.sync;

import dev.tasklane.core.clock.Hlc;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Bounds every part of Tasklane enforces on sync traffic. */
public final class SyncLimits {

    /** Mutations accepted in one push. */
    public static final int MAX_MUTATIONS_PER_PUSH = 500;
    /** Largest request body, in bytes (1 MiB). */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** Changed tasks returned per pull page. */
    public static final int PAGE_SIZE = 500;
    /**
     * How far a mutation's clock may run ahead of the server's. Further ahead is rejected (not
     * clamped), so one device with a wrong clock cannot win every later conflict; the device learns
     * why from the rejection and its user can fix the clock.
     */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private SyncLimits() {
    }

    /** Why {@code hlc} is refused at server time {@code now}, or empty when it is acceptable. */
    public static Optional<String> clockProblem(Hlc hlc, Instant now) {
        long ahead = hlc.wallMillis() - now.toEpochMilli();
        if (ahead > MAX_CLOCK_AHEAD.toMillis()) {
            return Optional.of("the device clock is " + Duration.ofMillis(ahead).toMinutes()
                    + " minutes ahead of the server; correct the computer's date and time");
        }
        return Optional.empty();
    }
}

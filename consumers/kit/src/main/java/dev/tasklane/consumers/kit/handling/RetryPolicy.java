package dev.tasklane.consumers.kit.handling;

import java.time.Duration;

/**
 * How often a plain failure is retried before the event is dead-lettered, and how long to wait.
 *
 * @param maxAttempts    attempts in all (1 = no retry); {@code TASKLANE_MAX_ATTEMPTS}, default 4
 * @param initialBackoff wait after the first failure, doubled after each; {@code TASKLANE_RETRY_BACKOFF}, default PT0.2S
 * @param maxBackoff     cap of the wait, also the pause while a dependency is away; default PT5S
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is at least 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
        }
    }

    /** The wait after {@code failures} failures (1-based), doubling and capped. */
    public Duration backoff(int failures) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}

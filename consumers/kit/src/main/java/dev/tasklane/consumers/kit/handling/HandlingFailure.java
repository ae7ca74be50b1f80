package dev.tasklane.consumers.kit.handling;

/**
 * The two failures a handler signals on purpose; any other exception is a plain failure that is
 * retried a bounded number of times with backoff and then dead-lettered.
 */
public sealed abstract class HandlingFailure extends RuntimeException
        permits HandlingFailure.DependencyUnavailable, HandlingFailure.PoisonEvent {

    HandlingFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A store the handler needs (PostgreSQL, Redis, the sync server, Kafka) is away. Never
     * dead-lettered: the consumer pauses on that record and retries until it comes back, so
     * nothing is lost.
     */
    public static final class DependencyUnavailable extends HandlingFailure {
        public DependencyUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The event itself is bad (unparseable, missing fields): retrying cannot help, so it goes to the dead-letter topic at once. */
    public static final class PoisonEvent extends HandlingFailure {
        public PoisonEvent(String message) {
            super(message, null);
        }

        public PoisonEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package dev.tasklane.server.sync;

import dev.tasklane.core.sync.SyncLimits;

/** A sync call that could not be carried out; nothing of it was applied. */
public sealed class SyncException extends RuntimeException permits SyncException.TooLarge, SyncException.Unavailable {

    SyncException(String message, Throwable cause) {
        super(message, cause);
    }

    /** More mutations than one push may carry. Maps to 413 / problem code "too_many_mutations". */
    public static final class TooLarge extends SyncException {
        public TooLarge(int count) {
            super("a push carries at most " + SyncLimits.MAX_MUTATIONS_PER_PUSH + " mutations; this one has " + count, null);
        }
    }

    /** The database failed; the push rolled back whole. Maps to 503. */
    public static final class Unavailable extends SyncException {
        public Unavailable(Throwable cause) {
            super("the task database is unavailable: " + cause.getMessage(), cause);
        }
    }
}

package dev.tasklane.core.sync;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a {@link SyncRequest}: which mutations were applied (including ones applied by an
 * earlier identical push) and which were rejected and why; the tasks changed since the cursor,
 * in change order; the new cursor; whether more changes wait (pull again with the new cursor);
 * and the server's time when it answered, in epoch milliseconds, so a device whose clock is wrong
 * can correct the clock it stamps changes with (a change stamped too far ahead is refused with
 * {@code clock_ahead}); and the database epoch, which changes when the server's database is
 * restored from a backup — the device then uploads its whole state again (the merge makes that
 * safe) because the server may have lost changes it had acknowledged. When more changes wait,
 * {@code remaining} says how many tasks changed after the new cursor, so a device pulling a large
 * account can show its progress ("40,000 of 100,000"); it is 0 when nothing waits or the server
 * did not count (older servers leave the field out).
 */
public record SyncResponse(List<UUID> applied, List<Rejection> rejected, List<ChangedTask> changes, long cursor,
                           boolean hasMore, long serverTime, String epoch, long remaining) {
    public SyncResponse {
        applied = List.copyOf(applied);
        rejected = List.copyOf(rejected);
        changes = List.copyOf(changes);
    }

    /** A response without a count of the changes that still wait. */
    public SyncResponse(List<UUID> applied, List<Rejection> rejected, List<ChangedTask> changes, long cursor,
                        boolean hasMore, long serverTime, String epoch) {
        this(applied, rejected, changes, cursor, hasMore, serverTime, epoch, 0);
    }
}

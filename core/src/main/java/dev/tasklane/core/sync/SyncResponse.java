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
 * safe) because the server may have lost changes it had acknowledged.
 */
public record SyncResponse(List<UUID> applied, List<Rejection> rejected, List<ChangedTask> changes, long cursor,
                           boolean hasMore, long serverTime, String epoch) {
    public SyncResponse {
        applied = List.copyOf(applied);
        rejected = List.copyOf(rejected);
        changes = List.copyOf(changes);
    }
}

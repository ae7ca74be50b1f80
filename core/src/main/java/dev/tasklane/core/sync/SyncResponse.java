package dev.tasklane.core.sync;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a {@link SyncRequest}: which mutations were applied (including ones applied by an
 * earlier identical push) and which were rejected and why; the tasks changed since the cursor,
 * in change order; the new cursor; and whether more changes wait (pull again with the new cursor).
 */
public record SyncResponse(List<UUID> applied, List<Rejection> rejected, List<ChangedTask> changes, long cursor,
                           boolean hasMore) {
    public SyncResponse {
        applied = List.copyOf(applied);
        rejected = List.copyOf(rejected);
        changes = List.copyOf(changes);
    }
}

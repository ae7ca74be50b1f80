package dev.tasklane.core.sync;

import dev.tasklane.core.merge.Mutation;
import java.util.List;

/**
 * One push/pull call: the device's cursor (the last change number it has merged) and the
 * mutations from its outbox, oldest first.
 */
public record SyncRequest(String deviceId, long cursor, List<Mutation> mutations) {
    public SyncRequest {
        mutations = List.copyOf(mutations);
    }
}

package dev.tasklane.server.testing;

import dev.tasklane.core.clock.HybridLogicalClock;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutations;
import dev.tasklane.core.merge.TaskState;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.task.Task;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sync request bodies for tests, including ones the model itself would refuse to build. */
public final class SyncBodies {

    private static final SyncJson JSON = new SyncJson();
    private static final String PLACEHOLDER = "TITLE-PLACEHOLDER";

    private SyncBodies() {
    }

    /** A push creating task {@code id}; {@code title} is put in as JSON text, so it may be anything. */
    public static String createWithTitle(UUID id, String title) {
        HybridLogicalClock clock = new HybridLogicalClock(Clock.systemUTC(), "laptop");
        String body = JSON.write(new SyncRequest("laptop", 0, List.of(Mutations.between(TaskState.empty(id),
                Task.create(id, PLACEHOLDER, Instant.now()), clock.tick(), TaskIds.newMutationId()))));
        return body.replace(PLACEHOLDER, jsonEscape(title));
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

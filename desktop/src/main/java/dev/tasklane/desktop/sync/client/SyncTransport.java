package dev.tasklane.desktop.sync.client;

import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One push/pull exchange with a sync server. {@link SyncClient} speaks it over HTTP; the
 * multi-device simulation speaks it in-process, with injected faults.
 */
@FunctionalInterface
public interface SyncTransport {

    /**
     * @throws IOException                     the server could not be reached or the answer was lost
     * @throws SyncClient.RefusedException     the server refused the request (401: the session ended)
     */
    SyncResponse sync(SyncRequest request) throws IOException, InterruptedException, SyncClient.RefusedException;

    /**
     * The conflicts the server detected for the account at or after {@code since} (oldest first),
     * if this transport can list them. The HTTP client asks {@code GET /api/v1/conflicts}; the
     * in-process transport of the simulation has no such listing (its devices compare states
     * directly) and answers empty.
     */
    default Optional<ServerConflicts> conflicts(Optional<Instant> since) throws IOException, InterruptedException, SyncClient.RefusedException {
        return Optional.empty();
    }

    /** A conflict the server recorded, with the names of the devices that wrote the two values (when the server knew them). */
    record ServerConflict(Conflict conflict, Optional<String> keptBy, Optional<String> lostBy, Instant detectedAt) {
    }

    /** The server's conflicts, newest first, and the device name of each of the account's clock nodes. */
    record ServerConflicts(List<ServerConflict> items, Map<String, String> writers) {
        public ServerConflicts {
            items = List.copyOf(items);
            writers = Map.copyOf(writers);
        }
    }
}

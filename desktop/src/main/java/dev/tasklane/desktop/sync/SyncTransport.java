package dev.tasklane.desktop.sync;

import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import java.io.IOException;

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
}

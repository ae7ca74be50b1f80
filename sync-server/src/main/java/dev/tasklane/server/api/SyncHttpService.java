package dev.tasklane.server.api;

import dev.tasklane.server.auth.Authenticator;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.server.auth.AuthenticatedUser;
import dev.tasklane.server.sync.SyncService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code POST /api/v1/sync}: push the outbox, pull changes after the cursor (docs/sync-protocol.md). */
public final class SyncHttpService implements HttpService {

    private final SyncService sync;
    private final Authenticator authenticator;
    private final Json json;
    private final RateLimitGuard limits;

    public SyncHttpService(SyncService sync, Authenticator authenticator, Json json, RateLimitGuard limits) {
        this.sync = sync;
        this.authenticator = authenticator;
        this.json = json;
        this.limits = limits;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::sync);
    }

    private void sync(ServerRequest request, ServerResponse response) {
        AuthenticatedUser user = authenticator.require(request);
        limits.sync(user.userId());
        SyncRequest body = json.read(request, SyncRequest.class);
        response.send(json.write(sync.sync(user.userId(), body)));
    }
}

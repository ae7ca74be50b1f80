package dev.tasklane.server.api;

import dev.tasklane.server.auth.AccountService;
import dev.tasklane.server.auth.AuthException;
import dev.tasklane.server.auth.Sessions;
import java.util.Optional;
import java.util.function.Consumer;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.UUID;

/** {@code /api/v1/auth}: register, login, refresh, logout. */
public final class AuthHttpService implements HttpService {

    record RegisterRequest(String email, String password) {
    }

    record LoginRequest(String email, String password, String deviceName) {
    }

    record RefreshRequest(String refreshToken) {
    }

    private final AccountService accounts;
    private final Json json;
    private final RateLimitGuard limits;
    private final Sessions sessions;
    private final Consumer<UUID> sessionEnded;

    /** @param sessionEnded told the user whose session a logout ended (wakes their event streams) */
    public AuthHttpService(AccountService accounts, Json json, RateLimitGuard limits, Sessions sessions,
                           Consumer<UUID> sessionEnded) {
        this.accounts = accounts;
        this.json = json;
        this.limits = limits;
        this.sessions = sessions;
        this.sessionEnded = sessionEnded;
    }

    private static String clientIp(ServerRequest request) {
        return request.remotePeer().host();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/register", this::register)
                .post("/login", this::login)
                .post("/refresh", this::refresh)
                .post("/logout", this::logout);
    }

    private void register(ServerRequest request, ServerResponse response) {
        limits.register(clientIp(request));
        RegisterRequest body = json.read(request, RegisterRequest.class);
        UUID id = accounts.register(body.email(), body.password());
        response.status(Status.CREATED_201).send(json.write(Map.of("userId", id.toString())));
    }

    private void login(ServerRequest request, ServerResponse response) {
        LoginRequest body = json.read(request, LoginRequest.class);
        limits.login(clientIp(request), body.email());
        try {
            response.send(json.write(accounts.login(body.email(), body.password(), body.deviceName())));
        } catch (AuthException e) {
            limits.loginFailed(clientIp(request), body.email());
            throw e;
        }
    }

    private void refresh(ServerRequest request, ServerResponse response) {
        limits.session(clientIp(request));
        RefreshRequest body = json.read(request, RefreshRequest.class);
        response.send(json.write(accounts.refresh(body.refreshToken())));
    }

    private void logout(ServerRequest request, ServerResponse response) {
        limits.session(clientIp(request));
        RefreshRequest body = json.read(request, RefreshRequest.class);
        Optional<UUID> owner = sessions.ownerOf(body.refreshToken());
        accounts.logout(body.refreshToken());
        // The user's event streams look at their sessions again now (on every replica) and the
        // one of this device ends.
        owner.ifPresent(sessionEnded);
        response.status(Status.NO_CONTENT_204).send();
    }
}

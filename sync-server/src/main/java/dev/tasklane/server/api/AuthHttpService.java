package dev.tasklane.server.api;

import dev.tasklane.server.auth.AccountService;
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

    public AuthHttpService(AccountService accounts, Json json, RateLimitGuard limits) {
        this.accounts = accounts;
        this.json = json;
        this.limits = limits;
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
        RegisterRequest body = json.read(request.content().as(byte[].class), RegisterRequest.class);
        limits.auth(clientIp(request), body.email());
        UUID id = accounts.register(body.email(), body.password());
        response.status(Status.CREATED_201).send(json.write(Map.of("userId", id.toString())));
    }

    private void login(ServerRequest request, ServerResponse response) {
        LoginRequest body = json.read(request.content().as(byte[].class), LoginRequest.class);
        limits.auth(clientIp(request), body.email());
        response.send(json.write(accounts.login(body.email(), body.password(), body.deviceName())));
    }

    private void refresh(ServerRequest request, ServerResponse response) {
        RefreshRequest body = json.read(request.content().as(byte[].class), RefreshRequest.class);
        response.send(json.write(accounts.refresh(body.refreshToken())));
    }

    private void logout(ServerRequest request, ServerResponse response) {
        RefreshRequest body = json.read(request.content().as(byte[].class), RefreshRequest.class);
        accounts.logout(body.refreshToken());
        response.status(Status.NO_CONTENT_204).send();
    }
}

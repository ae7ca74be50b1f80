package dev.tasklane.desktop.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The desktop's HTTP client for the sync server: login, token refresh, and the push/pull call.
 * Knows nothing of the local store. Access tokens are refreshed transparently on a 401.
 */
public final class SyncClient implements SyncTransport {

    /** The tokens of a signed-in device; the refresh token is what survives a restart. */
    public record Session(String accessToken, String refreshToken) {
    }

    /** The server answered with an error the user must act on (wrong password, revoked session). */
    public static final class RefusedException extends Exception {
        private final int status;

        public RefusedException(int status, String detail) {
            super(detail);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The most conflicts one request asks for (the server's maximum). */
    public static final int CONFLICT_PAGE = 200;

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SyncJson json = new SyncJson();
    private volatile Session session;
    private final Object refreshLock = new Object();

    /** @param server e.g. {@code http://localhost:8080} */
    public SyncClient(URI server, Session session) {
        this.server = server;
        this.session = session;
    }

    public Session session() {
        return session;
    }

    /** Creates an account (409 when it exists is reported as a refusal). */
    public static void register(URI server, String email, String password) throws IOException, InterruptedException, RefusedException {
        new SyncClient(server, new Session("", "")).post("/api/v1/auth/register", Map.of("email", email, "password", password), false);
    }

    /** Logs in as a new device. */
    public static SyncClient login(URI server, String email, String password, String deviceName)
            throws IOException, InterruptedException, RefusedException {
        SyncClient client = new SyncClient(server, new Session("", ""));
        JsonNode tokens = client.post("/api/v1/auth/login", Map.of("email", email, "password", password, "deviceName", deviceName), false);
        client.session = new Session(tokens.path("accessToken").asText(), tokens.path("refreshToken").asText());
        return client;
    }

    /** Ends this session on the server (its event streams end too). */
    public void logout() throws IOException, InterruptedException, RefusedException {
        post("/api/v1/auth/logout", Map.of("refreshToken", session.refreshToken()), false);
    }

    /** One push/pull. */
    @Override
    public SyncResponse sync(SyncRequest request) throws IOException, InterruptedException, RefusedException {
        String used = session.accessToken();
        HttpResponse<String> response = send("/api/v1/sync", json.write(request), true);
        if (response.statusCode() == 401) {
            refreshAfter(used);
            response = send("/api/v1/sync", json.write(request), true);
        }
        if (response.statusCode() != 200) {
            throw new RefusedException(response.statusCode(), detail(response.body()));
        }
        return json.readSyncResponse(response.body());
    }

    /**
     * One task's history, newest first, as the server serves it ({@code items}, {@code next}).
     * A 401 is not refreshed here: the sync engine owns token rotation (two refreshes racing with
     * one refresh token would revoke the session), and its next round renews the token.
     *
     * @throws RefusedException with the status (404 unknown task, 503 history unavailable, 401 token expired)
     */
    public JsonNode history(java.util.UUID taskId) throws IOException, InterruptedException, RefusedException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/tasks/" + taskId + "/history?limit=50"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + session.accessToken())
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new RefusedException(response.statusCode(), detail(response.body()));
        }
        return MAPPER.readTree(response.body());
    }

    /**
     * The account's conflicts as the server detected them, with the device names of the account's
     * clock nodes: detected at or after {@code since}, oldest first, at most {@value #CONFLICT_PAGE}
     * (newest first without {@code since}). Like {@link #history}, a 401 is left to the sync
     * engine's next round.
     */
    @Override
    public Optional<SyncTransport.ServerConflicts> conflicts(Optional<Instant> since)
            throws IOException, InterruptedException, RefusedException {
        JsonNode page = get("/api/v1/conflicts?limit=" + CONFLICT_PAGE + since.map(at -> "&since=" + at).orElse(""));
        List<SyncTransport.ServerConflict> items = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            Optional<TaskField> field = TaskField.byWireName(item.path("field").asText());
            if (field.isEmpty()) {
                continue; // a field this version does not know: nothing it could restore
            }
            items.add(new SyncTransport.ServerConflict(new Conflict(UUID.fromString(item.path("taskId").asText()), field.get(),
                    item.path("keptValue").asText(), Hlc.parse(item.path("keptHlc").asText()),
                    item.path("lostValue").asText(), Hlc.parse(item.path("lostHlc").asText())),
                    textOrEmpty(item.path("keptBy")), textOrEmpty(item.path("lostBy")), Instant.parse(item.path("detectedAt").asText())));
        }
        Map<String, String> writers = new LinkedHashMap<>();
        page.path("writers").properties().forEach(entry -> writers.put(entry.getKey(), entry.getValue().asText()));
        return Optional.of(new SyncTransport.ServerConflicts(items, writers));
    }

    /**
     * The task as the server holds it now, or empty when the server does not have it.
     *
     * @throws RefusedException with the status (401 token expired, …)
     */
    public Optional<Task> task(UUID taskId) throws IOException, InterruptedException, RefusedException {
        JsonNode view;
        try {
            view = get("/api/v1/tasks/" + taskId);
        } catch (RefusedException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        List<String> tags = new ArrayList<>();
        view.path("tags").forEach(tag -> tags.add(tag.asText()));
        try {
            return Optional.of(new Task(taskId, view.path("title").asText(), view.path("notes").asText(),
                    Priority.valueOf(view.path("priority").asText("none").toUpperCase(java.util.Locale.ROOT)), tags,
                    textOrEmpty(view.path("due")).map(Due::parse), textOrEmpty(view.path("reminder")).map(Reminder::parse),
                    textOrEmpty(view.path("recurrence")).map(Recurrence::parse), textOrEmpty(view.path("series")).map(SeriesLink::parse),
                    textOrEmpty(view.path("completedAt")).map(Instant::parse), view.path("deleted").asBoolean(),
                    Instant.parse(view.path("createdAt").asText()), Instant.parse(view.path("updatedAt").asText())));
        } catch (RuntimeException e) {
            throw new IOException("the server sent a task this version cannot read", e);
        }
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException, RefusedException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + session.accessToken())
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new RefusedException(response.statusCode(), detail(response.body()));
        }
        return MAPPER.readTree(response.body());
    }

    private static Optional<String> textOrEmpty(JsonNode value) {
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** One server-sent event. */
    public record ServerEvent(String id, String name, String data) {
    }

    /**
     * Opens the event stream and reads it on a background thread until it ends or is closed.
     * A 401 refreshes the session once before giving up.
     *
     * @param onEvent called for each event
     * @param onEnd   called once when the stream is over (server gone, network lost, refused)
     * @return closing it ends the stream
     */
    public AutoCloseable listen(String lastEventId, java.util.function.Consumer<ServerEvent> onEvent, Runnable onEnd) {
        // Closed by closing the body, never by interrupting: an interrupt during file I/O would
        // close H2's file channel if a callback happened to be writing.
        java.util.concurrent.atomic.AtomicReference<java.util.stream.Stream<String>> body = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Thread.ofVirtual().name("sync-events").start(() -> {
            try {
                String used = session.accessToken();
                HttpResponse<java.util.stream.Stream<String>> response = openStream(lastEventId);
                body.set(response.body());
                if (closed.get()) {
                    response.body().close();
                    return;
                }
                if (response.statusCode() == 401) {
                    response.body().close();
                    refreshAfter(used);
                    response = openStream(lastEventId);
                    body.set(response.body());
                }
                if (response.statusCode() == 200 && !closed.get()) {
                    read(response.body(), onEvent);
                } else {
                    response.body().close();
                }
            } catch (IOException | RefusedException | RuntimeException e) {
                // The stream is over; the caller reconnects with backoff.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (!closed.get()) {
                    onEnd.run();
                }
            }
        });
        return () -> {
            closed.set(true);
            java.util.stream.Stream<String> open = body.get();
            if (open != null) {
                open.close();
            }
        };
    }

    private HttpResponse<java.util.stream.Stream<String>> openStream(String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/api/v1/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + session.accessToken())
                .GET();
        if (!lastEventId.isEmpty()) {
            request.header("Last-Event-ID", lastEventId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    private static void read(java.util.stream.Stream<String> lines, java.util.function.Consumer<ServerEvent> onEvent) {
        try (lines) {
            String[] field = {"", "", ""};
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        onEvent.accept(new ServerEvent(field[0], field[1], data.toString()));
                    }
                    field[0] = "";
                    field[1] = "";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    field[0] = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    field[1] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        }
    }

    /**
     * Refreshes the session after a request made with {@code usedAccessToken} got a 401 — once:
     * refreshes run one at a time, and a caller whose token was already replaced by another
     * caller's refresh (the sync engine and the event stream both wake up after a restart) just
     * uses the new one. Presenting one refresh token twice would look like theft to the server.
     */
    private void refreshAfter(String usedAccessToken) throws IOException, InterruptedException, RefusedException {
        synchronized (refreshLock) {
            if (!session.accessToken().equals(usedAccessToken)) {
                return;
            }
            JsonNode tokens = post("/api/v1/auth/refresh", Map.of("refreshToken", session.refreshToken()), false);
            session = new Session(tokens.path("accessToken").asText(), tokens.path("refreshToken").asText());
        }
    }

    private JsonNode post(String path, Map<String, String> body, boolean authorized)
            throws IOException, InterruptedException, RefusedException {
        HttpResponse<String> response = send(path, MAPPER.writeValueAsString(body), authorized);
        if (response.statusCode() / 100 != 2) {
            throw new RefusedException(response.statusCode(), detail(response.body()));
        }
        return response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
    }

    private HttpResponse<String> send(String path, String body, boolean authorized) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorized) {
            request.header("Authorization", "Bearer " + session.accessToken());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String detail(String body) {
        try {
            return MAPPER.readTree(body).path("detail").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}

package dev.tasklane.desktop.sync.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.merge.Conflict;
import dev.tasklane.core.merge.TaskField;
import dev.tasklane.core.sync.SyncJson;
import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import okhttp3.Authenticator;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.Route;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * The desktop's HTTP client for the sync server (OkHttp): login, the push/pull call, task
 * history and the server's event stream. Knows nothing of the local store.
 *
 * <p>Access tokens are renewed by one {@link Authenticator} for every call, the stream included:
 * on a 401 it refreshes once — refreshes run one at a time, and a call whose token another call
 * already replaced simply retries with the new one. After a restart the sync engine and the event
 * stream both meet an expired token at the same moment; presenting one refresh token twice would
 * look like theft to the server, which then ends the session.
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

    /** One server-sent event. */
    public record ServerEvent(String id, String name, String data) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The most conflicts one request asks for (the server's maximum). */
    public static final int CONFLICT_PAGE = 200;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String REFRESH_PATH = "/api/v1/auth/refresh";
    /** The server sends a heartbeat every 15 s; four missed ones mean the connection is gone. */
    private static final Duration STREAM_SILENCE = Duration.ofSeconds(60);

    private final HttpUrl server;
    private final OkHttpClient http;
    private final OkHttpClient streams;
    private final SyncJson json = new SyncJson();
    private final Object refreshLock = new Object();
    private volatile Session session;

    /** @param server e.g. {@code http://localhost:8080} */
    public SyncClient(URI server, Session session) {
        this(server, session, UnaryOperator.identity());
    }

    /** @param network adds to the HTTP client (tests: latency or a lost response on the wire) */
    SyncClient(URI server, Session session, UnaryOperator<OkHttpClient.Builder> network) {
        this.server = HttpUrl.get(server.toString());
        this.session = session;
        // Virtual threads: the calls block on sockets, and OkHttp's own pool threads would keep
        // the JVM alive for a minute after the window closes.
        Dispatcher dispatcher = new Dispatcher(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sync-http-", 0).factory()));
        this.http = network.apply(new OkHttpClient.Builder()
                        .dispatcher(dispatcher)
                        .connectTimeout(Duration.ofSeconds(5))
                        .readTimeout(Duration.ofSeconds(30))
                        .callTimeout(Duration.ofSeconds(60))
                        .authenticator(new RefreshingAuthenticator()))
                .build();
        this.streams = http.newBuilder().readTimeout(STREAM_SILENCE).callTimeout(Duration.ZERO).build();
    }

    public Session session() {
        return session;
    }

    /** Creates an account (409 when it exists is reported as a refusal). */
    public static void register(URI server, String email, String password) throws IOException, RefusedException {
        new SyncClient(server, new Session("", "")).post("/api/v1/auth/register", Map.of("email", email, "password", password));
    }

    /** Logs in as a new device. */
    public static SyncClient login(URI server, String email, String password, String deviceName) throws IOException, RefusedException {
        SyncClient client = new SyncClient(server, new Session("", ""));
        JsonNode tokens = client.post("/api/v1/auth/login", Map.of("email", email, "password", password, "deviceName", deviceName));
        client.session = new Session(tokens.path("accessToken").asText(), tokens.path("refreshToken").asText());
        return client;
    }

    /** Ends this session on the server (its event streams end too). */
    public void logout() throws IOException, RefusedException {
        post("/api/v1/auth/logout", Map.of("refreshToken", session.refreshToken()));
    }

    /** One push/pull. */
    @Override
    public SyncResponse sync(SyncRequest request) throws IOException, RefusedException {
        Request call = authorized(url("/api/v1/sync")).post(RequestBody.create(json.write(request), JSON)).build();
        try (Response response = http.newCall(call).execute()) {
            String body = response.body().string();
            if (response.code() != 200) {
                throw new RefusedException(response.code(), detail(body));
            }
            return json.readSyncResponse(body);
        }
    }

    /**
     * One task's history, newest first, as the server serves it ({@code items}, {@code next}).
     *
     * @throws RefusedException with the status (404 unknown task, 503 history unavailable, 401 session ended)
     */
    public JsonNode history(UUID taskId) throws IOException, RefusedException {
        HttpUrl url = url("/api/v1/tasks/" + taskId + "/history").newBuilder().addQueryParameter("limit", "50").build();
        try (Response response = http.newCall(authorized(url).get().build()).execute()) {
            String body = response.body().string();
            if (response.code() != 200) {
                throw new RefusedException(response.code(), detail(body));
            }
            return MAPPER.readTree(body);
        }
    }

    /**
     * The account's conflicts as the server detected them, with the device names of the account's
     * clock nodes: detected at or after {@code since}, oldest first, at most {@value #CONFLICT_PAGE}
     * (newest first without {@code since}).
     */
    @Override
    public Optional<SyncTransport.ServerConflicts> conflicts(Optional<Instant> since) throws IOException, RefusedException {
        HttpUrl.Builder url = url("/api/v1/conflicts").newBuilder().addQueryParameter("limit", Integer.toString(CONFLICT_PAGE));
        since.ifPresent(at -> url.addQueryParameter("since", at.toString()));
        JsonNode page = get(url.build());
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
     * @throws RefusedException with the status (401 session ended, …)
     */
    public Optional<Task> task(UUID taskId) throws IOException, RefusedException {
        JsonNode view;
        try {
            view = get(url("/api/v1/tasks/" + taskId));
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

    private JsonNode get(HttpUrl url) throws IOException, RefusedException {
        try (Response response = http.newCall(authorized(url).get().build()).execute()) {
            String body = response.body().string();
            if (response.code() != 200) {
                throw new RefusedException(response.code(), detail(body));
            }
            return MAPPER.readTree(body);
        }
    }

    private static Optional<String> textOrEmpty(JsonNode value) {
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    /**
     * Opens the event stream and reads it in the background until it ends or is closed. A 401
     * renews the session once (see the class comment); a silent connection ends after a minute.
     *
     * @param onEvent called for each event
     * @param onEnd   called once when the stream is over (server gone, network lost, refused),
     *                never after the returned handle was closed
     * @return closing it ends the stream
     */
    public AutoCloseable listen(String lastEventId, Consumer<ServerEvent> onEvent, Runnable onEnd) {
        Request.Builder request = authorized(url("/api/v1/events")).header("Accept", "text/event-stream").get();
        if (!lastEventId.isEmpty()) {
            request.header("Last-Event-ID", lastEventId);
        }
        AtomicBoolean over = new AtomicBoolean();
        // Cancelling closes the socket; nothing interrupts a thread, since an interrupt during
        // file I/O would close H2's file channel if a callback happened to be writing.
        EventSource source = EventSources.createFactory(streams).newEventSource(request.build(), new EventSourceListener() {
            @Override
            public void onEvent(EventSource eventSource, String id, String type, String data) {
                if (!over.get()) {
                    onEvent.accept(new ServerEvent(id == null ? "" : id, type == null ? "message" : type, data));
                }
            }

            @Override
            public void onClosed(EventSource eventSource) {
                end();
            }

            @Override
            public void onFailure(EventSource eventSource, Throwable failure, Response response) {
                // Network loss, a refused stream or a stream that fell silent: the caller
                // reconnects with backoff.
                end();
            }

            private void end() {
                if (over.compareAndSet(false, true)) {
                    onEnd.run();
                }
            }
        });
        return () -> {
            over.set(true);
            source.cancel();
        };
    }

    /** Renews the access token on a 401 for every call, one refresh at a time. */
    private final class RefreshingAuthenticator implements Authenticator {
        @Override
        public Request authenticate(Route route, Response response) throws IOException {
            if (response.request().url().encodedPath().equals(REFRESH_PATH) || response.priorResponse() != null) {
                return null; // the refresh itself, or a retry already made: the 401 stands
            }
            String used = bearer(response.request());
            synchronized (refreshLock) {
                if (used.equals(session.accessToken()) && !renew()) {
                    return null;
                }
                return response.request().newBuilder().header("Authorization", "Bearer " + session.accessToken()).build();
            }
        }

        /** @return false when the server says the session is over (the caller then sees the 401) */
        private boolean renew() throws IOException {
            String body = MAPPER.writeValueAsString(Map.of("refreshToken", session.refreshToken()));
            Request refresh = new Request.Builder().url(url(REFRESH_PATH)).post(RequestBody.create(body, JSON)).build();
            try (Response answer = http.newCall(refresh).execute()) {
                String text = answer.body().string();
                if (answer.code() == 200) {
                    JsonNode tokens = MAPPER.readTree(text);
                    session = new Session(tokens.path("accessToken").asText(), tokens.path("refreshToken").asText());
                    return true;
                }
                if (answer.code() == 429 || answer.code() >= 500) {
                    // Not an answer about the session: try again later with the same token.
                    throw new IOException("refreshing the session: HTTP " + answer.code());
                }
                return false;
            }
        }
    }

    private JsonNode post(String path, Map<String, String> body) throws IOException, RefusedException {
        Request request = new Request.Builder().url(url(path)).post(RequestBody.create(MAPPER.writeValueAsString(body), JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (response.code() / 100 != 2) {
                throw new RefusedException(response.code(), detail(text));
            }
            return text.isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(text);
        }
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + session.accessToken());
    }

    private HttpUrl url(String path) {
        return server.resolve(path);
    }

    private static String bearer(Request request) {
        // OkHttp trims header values: "Bearer " with no token arrives as "Bearer".
        String header = request.header("Authorization");
        return header == null ? "" : header.replaceFirst("^Bearer\\s*", "");
    }

    private static String detail(String body) {
        try {
            return MAPPER.readTree(body).path("detail").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}

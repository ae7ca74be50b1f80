package dev.tasklane.desktop.sync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.core.sync.SyncRequest;
import dev.tasklane.core.sync.SyncResponse;
import dev.tasklane.desktop.TestServer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session across a restart, against the real server: the sync engine and the event stream
 * both meet an expired access token at once (with a slow network), and a refresh whose answer
 * is lost on the way. Either used to end the session for good.
 */
class SyncClientSessionTest {

    private static final String PASSWORD = "correct horse battery";

    private final URI server = TestServer.uri();
    private String email;

    @BeforeEach
    void anAccount() throws Exception {
        email = UUID.randomUUID() + "@example.test";
        SyncClient.register(server, email, PASSWORD);
    }

    /** What the desktop stores across a restart: the server address and the refresh token only. */
    private String storedRefreshToken() throws Exception {
        return SyncClient.login(server, email, PASSWORD, "laptop").session().refreshToken();
    }

    private static SyncRequest pull() {
        return new SyncRequest("laptop", 0, List.of());
    }

    @Test
    void afterARestartTheSyncAndTheStreamRenewTheSessionOnceAndBothWork() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        Interceptor slowRefresh = chain -> {
            if (chain.request().url().encodedPath().endsWith("/auth/refresh")) {
                refreshes.incrementAndGet();
                sleep(300); // a slow network widens the window in which both callers meet a 401
            }
            return chain.proceed(chain.request());
        };
        SyncClient resumed = new SyncClient(server, new SyncClient.Session("", storedRefreshToken()), b -> b.addInterceptor(slowRefresh));

        List<SyncClient.ServerEvent> events = new CopyOnWriteArrayList<>();
        AtomicBoolean ended = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (AutoCloseable stream = resumed.listen("", events::add, () -> ended.set(true))) {
            Future<SyncResponse> first = callers.submit(() -> {
                start.await();
                return resumed.sync(pull());
            });
            Future<SyncResponse> second = callers.submit(() -> {
                start.await();
                return resumed.sync(pull());
            });
            start.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(second.get(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(refreshes).hasValue(1);

            // The stream is open under the renewed session: another device's change arrives as a hint.
            SyncClient phone = SyncClient.login(server, email, PASSWORD, "phone");
            Request create = new Request.Builder().url(server.resolve("/api/v1/tasks").toString())
                    .header("Authorization", "Bearer " + phone.session().accessToken())
                    .post(RequestBody.create("{\"title\":\"From the phone\"}", MediaType.get("application/json"))).build();
            try (Response created = new OkHttpClient().newCall(create).execute()) {
                assertThat(created.code()).isEqualTo(201);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.stream().noneMatch(e -> e.name().equals("sync")) && System.nanoTime() < deadline) {
                sleep(50);
            }
            assertThat(events).extracting(SyncClient.ServerEvent::name).contains("sync");
            assertThat(ended).isFalse();
        } finally {
            callers.shutdownNow();
        }
        assertThat(refreshes).hasValue(1);
        assertThat(refresh(resumed.session().refreshToken())).as("the session lives on").isEqualTo(200);
    }

    @Test
    void aRefreshWhoseAnswerIsLostIsRetriedWithTheSameTokenAndTheSessionLives() throws Exception {
        AtomicBoolean lost = new AtomicBoolean();
        Interceptor loseFirstAnswer = chain -> {
            Response response = chain.proceed(chain.request()); // the server has rotated the token
            if (chain.request().url().encodedPath().endsWith("/auth/refresh") && lost.compareAndSet(false, true)) {
                response.close();
                throw new IOException("connection reset while reading the answer");
            }
            return response;
        };
        SyncClient resumed = new SyncClient(server, new SyncClient.Session("", storedRefreshToken()), b -> b.addInterceptor(loseFirstAnswer));

        assertThatThrownBy(() -> resumed.sync(pull())).isInstanceOf(IOException.class); // offline for now; retried later
        assertThat(resumed.sync(pull())).isNotNull();
        assertThat(refresh(resumed.session().refreshToken())).as("the session lives on").isEqualTo(200);
    }

    @Test
    void aSessionEndedOnTheServerIsA401ForTheCallerNotAnEndlessRetry() throws Exception {
        String token = storedRefreshToken();
        logout(token);
        SyncClient resumed = new SyncClient(server, new SyncClient.Session("", token));
        assertThatThrownBy(() -> resumed.sync(pull()))
                .isInstanceOfSatisfying(SyncClient.RefusedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    private int refresh(String refreshToken) throws IOException {
        return post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private void logout(String refreshToken) throws IOException {
        assertThat(post("/api/v1/auth/logout", "{\"refreshToken\":\"" + refreshToken + "\"}")).isEqualTo(204);
    }

    private int post(String path, String json) throws IOException {
        Request request = new Request.Builder().url(server.resolve(path).toString())
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
            return response.code();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

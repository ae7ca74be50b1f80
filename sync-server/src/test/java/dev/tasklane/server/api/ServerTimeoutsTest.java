package dev.tasklane.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.server.ServerConfig;
import dev.tasklane.server.ServerLimits;
import dev.tasklane.server.SyncServer;
import dev.tasklane.server.ratelimit.RateLimits;
import dev.tasklane.server.testing.PostgresExtension;
import dev.tasklane.server.testing.RawHttp;
import dev.tasklane.server.testing.StreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and idle clients cannot hold connections (issue 7, finding 8). The server here has a 1 s
 * idle timeout and a 1 s read timeout; production defaults are 60 s and 20 s (docs/security.md).
 */
class ServerTimeoutsTest {

    private static SyncServer server;

    @BeforeAll
    static void start() {
        server = SyncServer.start(ServerConfig.of(0, new ServerConfig.Database(PostgresExtension.jdbcUrl(), "postgres", "postgres", 4),
                "event-stream-limits-secret-0123456789-abcdef".getBytes(StandardCharsets.UTF_8), java.util.Optional.empty(),
                java.util.Optional.empty(), new RateLimits(10_000, 10_000, 10_000, Duration.ofMinutes(1)))
                .withTokenLifetimes(Duration.ofMinutes(15), Duration.ofDays(1))
                .withLimits(new ServerLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1000, 5)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Seconds until the server closes the connection (reads and discards whatever it sends). */
    private static double secondsUntilClosed(Socket socket, InputStream in) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout(10_000);
        try {
            while (in.read() != -1) {
                // a 4xx/408 answer may come before the close
            }
        } catch (SocketTimeoutException e) {
            return Double.POSITIVE_INFINITY;
        } catch (IOException e) {
            // reset by the server: closed
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertThat(secondsUntilClosed(socket, socket.getInputStream())).isLessThan(5);
        }
    }

    @Test
    void aRequestLineTrickledByteByByteIsCut() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    out.write('G');
                    out.flush();
                    Thread.sleep(250); // each byte well inside the read timeout
                } catch (IOException e) {
                    closed = true;
                }
                socket.setSoTimeout(1);
                try {
                    closed = closed || socket.getInputStream().read() == -1;
                } catch (SocketTimeoutException e) {
                    // still open
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertThat(closed).isTrue();
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(6);
        }
    }

    @Test
    void headersThatStopArrivingAreCut() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write("GET /api/v1/tasks HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(secondsUntilClosed(socket, socket.getInputStream())).isLessThan(5);
        }
    }

    @Test
    void aBodyThatStopsArrivingIsCutWithA4xxOrAClose() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"email\":").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            byte[] answer = socket.getInputStream().readAllBytes();
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
            String text = new String(answer, StandardCharsets.UTF_8);
            assertThat(text.isEmpty() || text.startsWith("HTTP/1.1 4")).as(text).isTrue();
        }
    }

    @Test
    void anEventStreamOutlivesTheIdleTimeout() throws Exception {
        String email = UUID.randomUUID() + "@example.test";
        try (RawHttp http = new RawHttp(server.port(), 5_000)) {
            http.send(RawHttp.request("POST", "/api/v1/auth/register", Map.of("Content-Type", "application/json"),
                    ("{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").getBytes(StandardCharsets.UTF_8)));
            String login = http.send(RawHttp.request("POST", "/api/v1/auth/login", Map.of("Content-Type", "application/json"),
                    ("{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"deviceName\":\"d\"}")
                            .getBytes(StandardCharsets.UTF_8))).body();
            try (StreamReader stream = new StreamReader(server.port(), new ObjectMapper().readTree(login).path("accessToken").asText())) {
                assertThat(stream.awaitLine(": tasklane events", Duration.ofSeconds(5))).isTrue();
                assertThat(stream.awaitEnd(Duration.ofSeconds(3))).as("still open after 3 idle timeouts").isFalse();
            }
        }
    }
}

package dev.tasklane.desktop;

import dev.tasklane.server.ratelimit.RateLimits;
import dev.tasklane.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;

/**
 * One real sync server (with PostgreSQL, Kafka and Redis) per test JVM, on free ports, started on
 * first use and stopped when the JVM exits. Tests isolate themselves by account, as users are.
 */
public final class TestServer {

    private static final class Holder {
        static final LocalStack STACK = start();

        private static LocalStack start() {
            try {
                LocalStack stack = LocalStack.start(Files.createTempDirectory("tasklane-desktop-e2e"),
                        new LocalStack.Ports(0, freePort(), freePort(), freePort(), freePort()),
                        "desktop-e2e-secret-desktop-e2e-secret-012345",
                        // Every test account signs in from 127.0.0.1: only per-account budgets are realistic.
                        new RateLimits(10_000, 100, 10_000, Duration.ofMinutes(1)));
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
                return stack;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private TestServer() {
    }

    public static LocalStack stack() {
        return Holder.STACK;
    }

    /** The server's address, e.g. {@code http://localhost:41234}. */
    public static URI uri() {
        return URI.create("http://localhost:" + stack().server().port());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.tasklane.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import dev.tasklane.server.ratelimit.RateLimits;

/** One local stack per test JVM, on free ports, in a temporary folder. */
public final class StackExtension {

    private static final class Holder {
        static final LocalStack STACK = start();

        private static LocalStack start() {
            try {
                LocalStack stack = LocalStack.start(Files.createTempDirectory("tasklane-stack"),
                        new LocalStack.Ports(0, freePort(), freePort(), freePort(), freePort()),
                        "end-to-end-test-secret-0123456789-abcdef",
                        // Every test user logs in from 127.0.0.1: only the per-account budget is realistic.
                        new RateLimits(10_000, 10, 10_000, Duration.ofMinutes(1)));
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
                return stack;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private StackExtension() {
    }

    public static LocalStack stack() {
        return Holder.STACK;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.tasklane.server;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for receiving a request, which Helidon 4.5 does not have: its connections read from
 * blocking channels, where a socket read timeout does not apply, and its idle timeout only cuts
 * a connection still reading the request line. So a client that sends its headers (or body) a
 * byte at a time, or stops halfway, would hold a connection for ever. Here, once the request line
 * is in, the headers must be complete within {@code headerTimeout}, and the response must have
 * started (the body read and handled) within {@code bodyTimeout} after that; otherwise the
 * connection is closed. A started response (an event stream) is never cut.
 */
final class ConnectionDeadlines implements Http1ConnectionListener, AutoCloseable {

    private final long headerNanos;
    private final long bodyNanos;
    private final Map<HelidonSocket, Long> deadlines = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    ConnectionDeadlines(Duration headerTimeout, Duration bodyTimeout) {
        this.headerNanos = headerTimeout.toNanos();
        this.bodyNanos = bodyTimeout.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tasklane-deadlines").factory());
        long period = Math.max(100, Math.min(1_000, headerTimeout.toMillis() / 4));
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** Request line received: the headers are due. */
    @Override
    public void prologue(ConnectionContext context, HttpPrologue prologue) {
        deadlines.put(context.serverSocket(), System.nanoTime() + headerNanos);
    }

    /** Request headers received (receive side), or response headers sent (send side). */
    @Override
    public void headers(ConnectionContext context, Headers headers) {
        deadlines.computeIfPresent(context.serverSocket(), (socket, deadline) -> System.nanoTime() + bodyNanos);
    }

    /** The response has started: nothing more is due from the client. */
    @Override
    public void status(ConnectionContext context, Status status) {
        deadlines.remove(context.serverSocket());
    }

    private void sweep() {
        long now = System.nanoTime();
        deadlines.forEach((socket, deadline) -> {
            if (now - deadline > 0 && deadlines.remove(socket, deadline)) {
                socket.close();
            }
        });
        deadlines.keySet().removeIf(socket -> !socket.isConnected());
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}

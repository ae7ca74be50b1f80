package dev.tasklane.server.sse;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Wakes the streams of a user on whichever replica holds them. A lost wake-up only delays
 * delivery until the stream's next heartbeat poll: the events themselves are in PostgreSQL.
 */
public interface WakeUpBus extends AutoCloseable {

    /** Tells every replica that {@code userId} has new events. Never throws. */
    void wake(UUID userId);

    /** Registers this replica's receiver of wake-ups. */
    void onWake(Consumer<UUID> receiver);

    @Override
    void close();

    /** A bus for a single replica: wake-ups stay in this JVM. */
    static WakeUpBus local() {
        return new WakeUpBus() {
            private volatile Consumer<UUID> receiver = id -> { };

            @Override
            public void wake(UUID userId) {
                receiver.accept(userId);
            }

            @Override
            public void onWake(Consumer<UUID> newReceiver) {
                receiver = newReceiver;
            }

            @Override
            public void close() {
            }
        };
    }
}

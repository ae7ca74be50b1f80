package dev.tasklane.desktop.sync;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A task's history as the server's audit log tells it. */
public final class TaskHistory {

    private TaskHistory() {
    }

    /** One changed field: its value before and after, as text ("" where unset). */
    public record Change(String field, String from, String to) {
    }

    /** One event: what happened, when, from which device. */
    public record Entry(String type, Instant time, Optional<String> device, List<Change> changes) {
    }

    /** What loading the history gave. */
    public sealed interface Result {
        /** Newest first. */
        record Loaded(List<Entry> entries) implements Result {
        }

        /** Not signed in to a server: history lives there. */
        record NotSignedIn() implements Result {
        }

        /** Signed in, but the server cannot be reached. */
        record Offline() implements Result {
        }

        /** The server answered but cannot give the history now; {@code reason} is for the user. */
        record Unavailable(String reason) implements Result {
        }
    }

    /** Loads a task's history; blocking, call off the UI thread. */
    @FunctionalInterface
    public interface Source {
        Result load(UUID taskId);
    }
}

package dev.tasklane.desktop.sync;

import dev.tasklane.core.merge.Mutation;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.sync.client.SyncClient;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Discarding a change the server refused: only the server knows the value to go back to, so this
 * asks it for the task and then writes that value locally (see {@link TaskService#discardRefused}).
 */
public final class RefusedChanges {

    /** What came of discarding a refused change. */
    public sealed interface Discard {
        /** The task is back at the server's value; the change left the "Not synced" list. */
        record Done() implements Discard {
        }

        /** Nothing changed; {@code reason} says what the user can do. */
        record NotNow(String reason) implements Discard {
        }
    }

    private final TaskService tasks;
    private final Supplier<Optional<SyncClient>> client;

    /** @param client the signed-in client, empty while signed out */
    public RefusedChanges(TaskService tasks, Supplier<Optional<SyncClient>> client) {
        this.tasks = tasks;
        this.client = client;
    }

    /** Goes back to the server's value for what the refused change set; call off the UI thread. */
    public Discard discard(UUID mutationId) {
        Optional<SyncClient> connected = client.get();
        if (connected.isEmpty()) {
            return new Discard.NotNow("Sign in to discard: Tasklane needs the server's value to go back to.");
        }
        Optional<Mutation> refused = tasks.refusedMutation(mutationId);
        if (refused.isEmpty()) {
            return new Discard.Done();
        }
        try {
            tasks.discardRefused(mutationId, connected.get().task(refused.get().taskId()));
            return new Discard.Done();
        } catch (SyncClient.RefusedException e) {
            return new Discard.NotNow(e.status() == 401 ? "Your sign-in is being renewed. Try again in a moment."
                    : "The server cannot answer right now. Try again shortly.");
        } catch (IOException e) {
            return new Discard.NotNow("Can't reach the server. Try again when you are online.");
        }
    }
}

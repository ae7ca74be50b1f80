package dev.tasklane.desktop;

import dev.tasklane.desktop.store.LocalDatabase;
import dev.tasklane.desktop.store.StoreOpenException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens the local store on its own thread from {@code main}, before JavaFX starts: the two take
 * about as long as each other, and on two cores they overlap instead of adding up.
 */
final class StoreOpening {

    private StoreOpening() {
    }

    /** Completes with the open store, or exceptionally with the {@link StoreOpenException}. */
    static CompletableFuture<LocalDatabase> start(Path directory) {
        CompletableFuture<LocalDatabase> opened = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("tasklane-store-open").start(() -> {
            try {
                opened.complete(LocalDatabase.open(directory));
            } catch (StoreOpenException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
        });
        return opened;
    }

    /** The cause of a failed opening, without the future's wrapper. */
    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}

package dev.tasklane.desktop.service.sync;

import java.time.Instant;

/**
 * What the status bar says about sync. Until an account is connected the app is offline and
 * every change waits, durably, in the outbox.
 */
public sealed interface SyncStatus {

    /** A sentence for the status bar. */
    String describe();

    /** Not connected to a sync server; {@code pending} changes wait in the outbox. */
    record Offline(long pending) implements SyncStatus {
        @Override
        public String describe() {
            if (pending == 0) {
                return "Offline — all changes saved on this computer";
            }
            return "Offline — " + pending + (pending == 1 ? " change" : " changes") + " pending";
        }
    }

    /** Exchanging changes with the server. */
    record Syncing(long pending) implements SyncStatus {
        @Override
        public String describe() {
            return "Syncing " + pending + (pending == 1 ? " change…" : " changes…");
        }
    }

    /**
     * Pulling a large account page by page (a first sign-in): {@code received} tasks so far of
     * {@code total} (0 when the server did not say).
     */
    record Downloading(long received, long total) implements SyncStatus {
        @Override
        public String describe() {
            return total > 0 ? String.format(java.util.Locale.ROOT, "Downloading your tasks… %,d of %,d", received, total)
                    : String.format(java.util.Locale.ROOT, "Downloading your tasks… %,d", received);
        }
    }

    /**
     * Up to date with the server as of {@code at}; {@code refused} changes were refused by the
     * server (kept on this computer, listed for the user, never silently dropped).
     */
    record Synced(Instant at, long refused) implements SyncStatus {
        @Override
        public String describe() {
            return refused == 0 ? "Synced"
                    : "Synced — " + refused + (refused == 1 ? " change was" : " changes were") + " refused by the server";
        }
    }

    /**
     * The session ended (revoked, expired, or signed out elsewhere): nothing syncs until the user
     * signs in again; the {@code pending} changes stay on this computer and are pushed after that.
     */
    record SignedOut(long pending) implements SyncStatus {
        @Override
        public String describe() {
            return "Signed out — sign in again" + (pending == 0 ? ""
                    : " (" + pending + (pending == 1 ? " change" : " changes") + " kept on this computer)");
        }
    }
}

package dev.tasklane.desktop.sync;

import java.time.Instant;

/**
 * What the status bar says about sync. Until an account is connected nothing syncs and every
 * change waits, durably, in the outbox.
 */
public sealed interface SyncStatus {

    /** A sentence for the status bar. */
    String describe();

    /** No account is connected on this computer: nothing syncs, and that is fine. */
    record NotSignedIn(long pending) implements SyncStatus {
        @Override
        public String describe() {
            return "Not syncing — changes stay on this computer";
        }
    }

    /** Signed in, but the server cannot be reached right now; {@code pending} changes wait in the outbox. */
    record Offline(long pending) implements SyncStatus {
        @Override
        public String describe() {
            if (pending == 0) {
                return "Can't reach the server — will try again";
            }
            return "Can't reach the server — " + changes(pending) + " waiting on this computer";
        }
    }

    /** Exchanging changes with the server. */
    record Syncing(long pending) implements SyncStatus {
        @Override
        public String describe() {
            return "Syncing " + changes(pending) + "…";
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
     * server (kept on this computer, listed under "Not synced", never silently dropped).
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
            return "Signed out — sign in again" + (pending == 0 ? "" : " (" + changes(pending) + " kept on this computer)");
        }
    }

    private static String changes(long count) {
        return count + (count == 1 ? " change" : " changes");
    }
}

package dev.tasklane.server.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.server.testing.PostgresExtension;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A stream that resumes by Last-Event-ID never skips an event, also when transactions overlap. */
@ExtendWith(PostgresExtension.class)
class UserEventOrderTest {

    private final DataSource dataSource;
    private final UserEventStore store;

    UserEventOrderTest(DataSource dataSource) {
        this.dataSource = dataSource;
        this.store = new UserEventStore(dataSource);
    }

    @Test
    void anEventAppendedInALongerTransactionIsNeverSkippedByAStreamThatReadMeanwhile() throws Exception {
        UUID user = PostgresExtension.newUser(dataSource);
        List<UserEvent> delivered = new ArrayList<>();
        try (Connection push = dataSource.getConnection()) {
            push.setAutoCommit(false);
            UserEventStore.append(push, user, "sync", "{\"cursor\":1}");
            // A reminder arrives while the push's transaction is still open.
            CompletableFuture<Boolean> reminder = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.appendOnce(user, "reminder", "r-1", "{\"title\":\"Call Bob\"}");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            // A stream reads now and remembers the last id it sent.
            delivered.addAll(store.after(user, 0, 100));
            push.commit();
            assertThat(reminder.get(10, TimeUnit.SECONDS)).isTrue();
        }
        long last = delivered.isEmpty() ? 0 : delivered.getLast().id();
        delivered.addAll(store.after(user, last, 100));

        assertThat(delivered).extracting(UserEvent::kind).containsExactly("sync", "reminder");
        assertThat(delivered).extracting(UserEvent::id).containsExactly(1L, 2L);
    }

    @Test
    void eventIdsCountOneUsersEventsOnly() throws Exception {
        UUID busy = PostgresExtension.newUser(dataSource);
        UUID quiet = PostgresExtension.newUser(dataSource);
        for (int i = 0; i < 5; i++) {
            store.appendOnce(busy, "reminder", "busy-" + i, "{}");
        }
        store.appendOnce(quiet, "reminder", "quiet-0", "{}");
        assertThat(store.after(quiet, 0, 10)).extracting(UserEvent::id).containsExactly(1L);
        assertThat(store.appendOnce(quiet, "reminder", "quiet-0", "{}")).isFalse();
        assertThat(store.latestId(quiet)).isEqualTo(1L);
    }

    @Test
    void aLastEventIdBeyondTheUsersNewestResumesAfterTheNewest() throws Exception {
        UUID user = PostgresExtension.newUser(dataSource);
        store.appendOnce(user, "reminder", "r", "{}");
        assertThat(store.resumeAfter(user, Optional.of(9_999L))).isEqualTo(1L);
        assertThat(store.resumeAfter(user, Optional.of(0L))).isZero();
        assertThat(store.resumeAfter(user, Optional.empty())).isEqualTo(1L);
    }
}

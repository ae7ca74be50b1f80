package dev.tasklane.consumers.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class AuditHandlerTest {

    @Test
    void aServerThatCannotTakeWritesNowPausesTheWorkInsteadOfDeadLetteringIt() {
        // Connection lost, shutting down, disk full, too many connections, read-only during a
        // managed failover, serialization failure, deadlock, a pool time-out, the driver's own I/O.
        for (String state : new String[] {"08006", "57P01", "53100", "53300", "25006", "40001", "40P01", null}) {
            assertThat(AuditHandler.unavailable(new SQLException("x", state))).as(state).isTrue();
        }
        assertThat(AuditHandler.unavailable(new SQLTransientConnectionException("pool timed out", "99999"))).isTrue();
        // This batch is wrong (bad bytes, a value the column refuses, a bug): retried, then dead-lettered.
        // Out of memory and a configured limit can come from the batch itself: it is split, not retried whole for ever.
        for (String state : new String[] {"22021", "22P02", "23502", "42703", "XX000", "53200", "53400"}) {
            assertThat(AuditHandler.unavailable(new SQLException("x", state))).as(state).isFalse();
        }
    }
}

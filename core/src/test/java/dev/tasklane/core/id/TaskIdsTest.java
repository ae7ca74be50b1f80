package dev.tasklane.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskIdsTest {

    @Test
    void newTaskIdsAreVersion7AndTimeOrdered() {
        UUID first = TaskIds.newTaskId();
        UUID second = TaskIds.newTaskId();
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.toString().compareTo(second.toString())).isNegative();
    }

    @Test
    void occurrenceIdIsDeterministicVersion5OfSeriesAndNumber() {
        UUID series = UUID.fromString("0190f0a0-0000-7000-8000-000000000001");
        UUID a = TaskIds.occurrenceId(series, 2);
        UUID b = TaskIds.occurrenceId(series, 2);
        UUID next = TaskIds.occurrenceId(series, 3);
        assertThat(a).isEqualTo(b).isNotEqualTo(next);
        assertThat(a.version()).isEqualTo(5);
    }
}

package dev.tasklane.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
    void occurrenceIdIsDeterministicVersion5OfSeriesAndDate() {
        UUID series = UUID.fromString("0190f0a0-0000-7000-8000-000000000001");
        UUID a = TaskIds.occurrenceId(series, LocalDate.of(2026, 12, 1));
        UUID b = TaskIds.occurrenceId(series, LocalDate.of(2026, 12, 1));
        UUID otherDay = TaskIds.occurrenceId(series, LocalDate.of(2026, 12, 2));
        assertThat(a).isEqualTo(b).isNotEqualTo(otherDay);
        assertThat(a.version()).isEqualTo(5);
    }
}

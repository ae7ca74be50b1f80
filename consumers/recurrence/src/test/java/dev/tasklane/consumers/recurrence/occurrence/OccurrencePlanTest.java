package dev.tasklane.consumers.recurrence.occurrence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasklane.core.id.TaskIds;
import dev.tasklane.core.merge.Mutation;
import dev.tasklane.core.recurrence.NextOccurrence;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OccurrencePlanTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final UUID ID = UUID.fromString("0190b5a0-0000-7000-8000-000000000001");

    /** A completed task as the sync server's events carry it (REST shape). */
    private static JsonNode snapshot(String recurrence, String series) throws Exception {
        return MAPPER.readTree("""
                {"id":"%s","title":"Water plants","notes":"","priority":"low","tags":["home"],"due":"2026-12-01",
                 "reminder":"before:PT1H","recurrence":"%s","series":%s,"completed":true,
                 "completedAt":"2026-12-01T10:00:00Z","deleted":false,
                 "createdAt":"2026-11-01T08:00:00Z","updatedAt":"2026-12-01T10:00:00Z"}
                """.formatted(ID, recurrence, series == null ? "null" : "\"" + series + "\""));
    }

    @Test
    void theNextOccurrenceHasTheDeterministicIdADesktopWouldCreate() throws Exception {
        Task completed = EventTasks.read(snapshot("FREQ=DAILY", null));

        Task next = OccurrencePlan.task(OccurrencePlan.next(completed, ZoneOffset.UTC).orElseThrow());

        Task desktops = NextOccurrence.after(completed, completed.completedAt().orElseThrow(), ZoneOffset.UTC, Instant.now()).orElseThrow();
        assertThat(next.id()).isEqualTo(desktops.id()).isEqualTo(TaskIds.occurrenceId(ID, 2));
        assertThat(next.series()).contains(new SeriesLink(ID, 2));
        assertThat(next.title()).isEqualTo("Water plants");
        assertThat(next.completed()).isFalse();
    }

    @Test
    void theSameEventAlwaysPlansTheSameMutation() throws Exception {
        Task completed = EventTasks.read(snapshot("FREQ=WEEKLY", null));

        Mutation first = OccurrencePlan.next(completed, ZoneOffset.UTC).orElseThrow();
        Mutation again = OccurrencePlan.next(EventTasks.read(snapshot("FREQ=WEEKLY", null)), ZoneOffset.UTC).orElseThrow();

        assertThat(again).isEqualTo(first);
        assertThat(first.hlc()).isEqualTo(OccurrencePlan.SERVICE_CLOCK);
    }

    @Test
    void aSeriesPastItsCountEnds() throws Exception {
        Task lastOfThree = EventTasks.read(snapshot("FREQ=DAILY;COUNT=3", UUID.randomUUID() + "#3"));

        assertThat(OccurrencePlan.next(lastOfThree, ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void aLaterOccurrenceContinuesItsSeriesNotItsOwnId() throws Exception {
        UUID series = UUID.randomUUID();
        Task second = EventTasks.read(snapshot("FREQ=DAILY", series + "#2"));

        Task third = OccurrencePlan.task(OccurrencePlan.next(second, ZoneOffset.UTC).orElseThrow());

        assertThat(third.id()).isEqualTo(TaskIds.occurrenceId(series, 3));
        assertThat(third.due().orElseThrow().date()).isEqualTo(LocalDate.parse("2026-12-02"));
        assertThat(third.series()).contains(new SeriesLink(series, 3));
    }
}

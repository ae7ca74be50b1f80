package dev.tasklane.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final Task task = Task.create(UUID.randomUUID(), "  Buy milk  ", NOW);

    @Test
    void titleIsTrimmed() {
        assertThat(task.title()).isEqualTo("Buy milk");
    }

    @Test
    void blankTitleIsRefusedWithAFieldError() {
        assertThatThrownBy(() -> task.withTitle("   "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("title", "required", "Enter a title.")));
    }

    @Test
    void titleOfFiveHundredCharactersIsAcceptedAndOneMoreIsNot() {
        assertThat(task.withTitle("x".repeat(500)).title()).hasSize(500);
        assertThatThrownBy(() -> task.withTitle("x".repeat(501)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::code).containsExactly("too_long"));
    }

    @Test
    void notesOverTwentyThousandCharactersAreRefused() {
        assertThatThrownBy(() -> task.withNotes("n".repeat(20_001))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("notes");
    }

    @Test
    void tagsAreUniqueIgnoringCaseKeepingTheFirstSpelling() {
        assertThat(task.withTags(List.of("Home", "home", " HOME ", "work")).tags()).containsExactly("Home", "work");
    }

    @Test
    void moreThanThirtyTagsAreRefused() {
        List<String> tags = IntStream.range(0, 31).mapToObj(i -> "t" + i).toList();
        assertThatThrownBy(() -> task.withTags(tags)).isInstanceOf(ValidationException.class).hasMessageContaining("30");
    }

    @Test
    void tagLongerThanFiftyCharactersIsRefused() {
        assertThatThrownBy(() -> task.withTags(List.of("x".repeat(51)))).isInstanceOf(ValidationException.class);
    }

    @Test
    void reminderBeforeDueNeedsADue() {
        assertThatThrownBy(() -> task.withReminder(Optional.of(new Reminder.BeforeDue(java.time.Duration.ofMinutes(5)))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("reminder"));
    }

    @Test
    void recurrenceNeedsADue() {
        assertThatThrownBy(() -> task.withRecurrence(Optional.of(new Recurrence("FREQ=DAILY", false))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("recurrence");
    }

    @Test
    void dueEncodingRoundTripsForBothKinds() {
        Due allDay = new Due.AllDay(LocalDate.of(2026, 12, 1));
        Due timed = Due.parse("2026-12-01T09:00[Europe/Berlin]");
        assertThat(Due.parse(allDay.encode())).isEqualTo(allDay);
        assertThat(Due.parse(timed.encode())).isEqualTo(timed);
    }

    @Test
    void unknownTimeZoneIsNamedInTheError() {
        assertThatThrownBy(() -> Due.parse("2026-12-01T09:00[Mars/Olympus]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown time zone: Mars/Olympus");
    }

    @Test
    void invalidDateIsRefused() {
        assertThatThrownBy(() -> Due.parse("2026-02-30")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid date");
    }

    @Test
    void invalidRruleIsRefusedWithTheRecurrenceField() {
        assertThatThrownBy(() -> new Recurrence("FREQ=SOMETIMES", false))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("recurrence"));
    }

    @Test
    void hourlyRecurrenceIsRefused() {
        assertThatThrownBy(() -> new Recurrence("FREQ=HOURLY", false)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("HOURLY");
    }

    @Test
    void recurrenceEncodingRoundTripsWithCompletionAnchor() {
        Recurrence recurrence = new Recurrence("rrule:freq=daily;interval=3", true);
        assertThat(recurrence.rule()).isEqualTo("FREQ=DAILY;INTERVAL=3");
        assertThat(Recurrence.parse(recurrence.encode())).isEqualTo(recurrence);
    }
}

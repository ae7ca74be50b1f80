package dev.tasklane.core.quickadd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuickAddParserTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Thursday 26 November 2026, 14:30 in Berlin. */
    private final QuickAddParser parser = new QuickAddParser(ZonedDateTime.of(2026, 11, 26, 14, 30, 0, 0, ZONE));

    private static Optional<Due> at(String localDateTime) {
        return Optional.of(new Due.Timed(LocalDateTime.parse(localDateTime), ZONE));
    }

    @Test
    void theIssueExampleParsesIntoEveryPart() {
        assertThat(parser.parse("Pay rent tomorrow 9am !high #home every month")).isEqualTo(new QuickAdd(
                "Pay rent", at("2026-11-27T09:00"), Priority.HIGH, List.of("home"),
                Optional.of(new Recurrence("FREQ=MONTHLY", false))));
    }

    @Test
    void unknownWordsStayInTheTitleInOrder() {
        QuickAdd parsed = parser.parse("Call Bob about the garden fence");
        assertThat(parsed).isEqualTo(new QuickAdd("Call Bob about the garden fence", Optional.empty(),
                Priority.NONE, List.of(), Optional.empty()));
    }

    @Test
    void aDateWithoutTimeIsAllDay() {
        assertThat(parser.parse("Dentist 2026-12-03").due()).contains(new Due.AllDay(LocalDate.of(2026, 12, 3)));
        assertThat(parser.parse("Dentist dec 3").due()).contains(new Due.AllDay(LocalDate.of(2026, 12, 3)));
        assertThat(parser.parse("Dentist 3 december").due()).contains(new Due.AllDay(LocalDate.of(2026, 12, 3)));
    }

    @Test
    void aMonthDayAlreadyPastMeansNextYear() {
        assertThat(parser.parse("Tax return march 15").due()).contains(new Due.AllDay(LocalDate.of(2027, 3, 15)));
    }

    @Test
    void weekdayMeansTheComingOneAndNextSkipsToday() {
        assertThat(parser.parse("Gym thursday").due()).contains(new Due.AllDay(LocalDate.of(2026, 11, 26)));
        assertThat(parser.parse("Gym next thursday").due()).contains(new Due.AllDay(LocalDate.of(2026, 12, 3)));
        assertThat(parser.parse("Gym fri").due()).contains(new Due.AllDay(LocalDate.of(2026, 11, 27)));
    }

    @Test
    void relativeOffsets() {
        assertThat(parser.parse("Renew passport in 3 weeks").due()).contains(new Due.AllDay(LocalDate.of(2026, 12, 17)));
    }

    @Test
    void minutesAndHoursFromNow() {
        assertThat(parser.parse("Stretch in 10 minutes").due()).isEqualTo(at("2026-11-26T14:40"));
        assertThat(parser.parse("Check oven in 2 hours").due()).isEqualTo(at("2026-11-26T16:30"));
        assertThat(parser.parse("Stretch in 10 minutes").title()).isEqualTo("Stretch");
    }

    @Test
    void timeAloneIsTodayIfStillAheadOtherwiseTomorrow() {
        assertThat(parser.parse("Standup 16:00").due()).isEqualTo(at("2026-11-26T16:00"));
        assertThat(parser.parse("Standup at 9").due()).isEqualTo(at("2026-11-27T09:00"));
        assertThat(parser.parse("Dinner tonight").due()).isEqualTo(at("2026-11-26T20:00"));
        assertThat(parser.parse("Lunch today 12:30pm").due()).isEqualTo(at("2026-11-26T12:30"));
    }

    @Test
    void bareNumbersAreNotTimes() {
        assertThat(parser.parse("Buy 9 eggs").title()).isEqualTo("Buy 9 eggs");
    }

    @Test
    void priorities() {
        assertThat(parser.parse("a !low").priority()).isEqualTo(Priority.LOW);
        assertThat(parser.parse("a !2").priority()).isEqualTo(Priority.MEDIUM);
        assertThat(parser.parse("a !h").priority()).isEqualTo(Priority.HIGH);
        assertThat(parser.parse("Fix !important bug").title()).isEqualTo("Fix !important bug");
    }

    @Test
    void recurrenceForms() {
        assertThat(parser.parse("Stretch daily").recurrence()).contains(new Recurrence("FREQ=DAILY", false));
        assertThat(parser.parse("Bins every other week").recurrence()).contains(new Recurrence("FREQ=WEEKLY;INTERVAL=2", false));
        assertThat(parser.parse("Review every 3 months").recurrence()).contains(new Recurrence("FREQ=MONTHLY;INTERVAL=3", false));
        assertThat(parser.parse("Standup every weekday").recurrence()).contains(new Recurrence("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", false));
    }

    @Test
    void everyWeekdayNameStartsOnTheComingOne() {
        QuickAdd parsed = parser.parse("Piano lesson every monday 17:00");
        assertThat(parsed.recurrence()).contains(new Recurrence("FREQ=WEEKLY;BYDAY=MO", false));
        assertThat(parsed.due()).isEqualTo(at("2026-11-30T17:00"));
    }

    @Test
    void quotedWordsAreAlwaysTitle() {
        assertThat(parser.parse("Read \"tomorrow\" by Smith #books").title()).isEqualTo("Read tomorrow by Smith");
    }

    @Test
    void tagsAreCollectedWithoutDuplicates() {
        assertThat(parser.parse("x #Home #home #work").tags()).containsExactly("Home", "work");
    }
}

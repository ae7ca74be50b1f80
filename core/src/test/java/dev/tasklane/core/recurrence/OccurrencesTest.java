package dev.tasklane.core.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Recurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expansion checked against the examples of RFC 5545 section 3.8.5.3 and against DST changes. */
class OccurrencesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static List<LocalDate> dates(String start, String rule, int limit) {
        Due due = new Due.Timed(LocalDateTime.parse(start), NEW_YORK);
        return Occurrences.preview(due, new Recurrence(rule, false), limit).stream().map(Due::date).toList();
    }

    private static List<LocalDate> days(String... isoDates) {
        return java.util.Arrays.stream(isoDates).map(LocalDate::parse).toList();
    }

    @Test
    void dailyForTenOccurrencesStopsAtTen() {
        assertThat(dates("1997-09-02T09:00", "FREQ=DAILY;COUNT=10", 20)).hasSize(10)
                .startsWith(LocalDate.of(1997, 9, 2)).endsWith(LocalDate.of(1997, 9, 11));
    }

    @Test
    void weeklyOnTuesdayAndThursdayUntilAnInstant() {
        assertThat(dates("1997-09-02T09:00", "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", 20))
                .isEqualTo(days("1997-09-02", "1997-09-04", "1997-09-09", "1997-09-11", "1997-09-16",
                        "1997-09-18", "1997-09-23", "1997-09-25", "1997-09-30", "1997-10-02"));
    }

    @Test
    void monthlyOnTheFirstFriday() {
        assertThat(dates("1997-09-05T09:00", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", 20))
                .isEqualTo(days("1997-09-05", "1997-10-03", "1997-11-07", "1997-12-05", "1998-01-02",
                        "1998-02-06", "1998-03-06", "1998-04-03", "1998-05-01", "1998-06-05"));
    }

    @Test
    void monthlyOnTheSecondToLastMonday() {
        assertThat(dates("1997-09-22T09:00", "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", 20))
                .isEqualTo(days("1997-09-22", "1997-10-20", "1997-11-17", "1997-12-22", "1998-01-19", "1998-02-16"));
    }

    @Test
    void monthlyOnTheThirdToLastDay() {
        assertThat(dates("1997-09-28T09:00", "FREQ=MONTHLY;BYMONTHDAY=-3", 6))
                .isEqualTo(days("1997-09-28", "1997-10-29", "1997-11-28", "1997-12-29", "1998-01-29", "1998-02-26"));
    }

    @Test
    void lastWorkDayOfTheMonthWithBySetPos() {
        assertThat(dates("1997-09-30T09:00", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", 6))
                .isEqualTo(days("1997-09-30", "1997-10-31", "1997-11-28", "1997-12-31", "1998-01-30", "1998-02-27"));
    }

    @Test
    void yearlyInJuneAndJuly() {
        assertThat(dates("1997-06-10T09:00", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", 4))
                .isEqualTo(days("1997-06-10", "1997-07-10", "1998-06-10", "1998-07-10"));
    }

    @Test
    void weekStartChangesWhichDaysAnIntervalOfTwoWeeksPicks() {
        assertThat(dates("1997-08-05T09:00", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", 10))
                .isEqualTo(days("1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"));
        assertThat(dates("1997-08-05T09:00", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", 10))
                .isEqualTo(days("1997-08-05", "1997-08-17", "1997-08-19", "1997-08-31"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} keeps 09:00 local")
    @CsvSource({
            "Europe/Berlin, 2026-03-28T09:00, 2026-03-29T09:00, 23",
            "Europe/Berlin, 2026-10-24T09:00, 2026-10-25T09:00, 25",
            "America/New_York, 2026-03-07T09:00, 2026-03-08T09:00, 23",
            "America/New_York, 2026-10-31T09:00, 2026-11-01T09:00, 25",
            "Pacific/Auckland, 2026-04-04T09:00, 2026-04-05T09:00, 25",
            "Pacific/Auckland, 2026-09-26T09:00, 2026-09-27T09:00, 23"})
    void dailyRuleKeepsLocalTimeAcrossDstChanges(String zone, String from, String expected, long hoursBetween) {
        Due current = new Due.Timed(LocalDateTime.parse(from), ZoneId.of(zone));
        Due next = Occurrences.next(current, new Recurrence("FREQ=DAILY", false), 1, Instant.EPOCH, ZoneId.of(zone)).orElseThrow();
        assertThat(next).isEqualTo(new Due.Timed(LocalDateTime.parse(expected), ZoneId.of(zone)));
        assertThat(Duration.between(((Due.Timed) current).instant(), ((Due.Timed) next).instant()).toHours())
                .isEqualTo(hoursBetween);
    }

    @Test
    void nextRespectsCountThroughTheOccurrenceNumber() {
        Due due = new Due.AllDay(LocalDate.of(2026, 12, 1));
        Recurrence threeTimes = new Recurrence("FREQ=WEEKLY;COUNT=3", false);
        assertThat(Occurrences.next(due, threeTimes, 2, Instant.EPOCH, NEW_YORK)).contains(new Due.AllDay(LocalDate.of(2026, 12, 8)));
        assertThat(Occurrences.next(due, threeTimes, 3, Instant.EPOCH, NEW_YORK)).isEmpty();
    }

    @Test
    void nextStopsAfterUntil() {
        Due due = new Due.AllDay(LocalDate.of(2026, 12, 30));
        assertThat(Occurrences.next(due, new Recurrence("FREQ=DAILY;UNTIL=20261230", false), 1, Instant.EPOCH, NEW_YORK))
                .isEmpty();
    }

    @Test
    void afterCompletionCountsFromTheDayItWasDone() {
        Due due = new Due.Timed(LocalDateTime.parse("2026-11-01T18:00"), NEW_YORK);
        Instant doneOnTheTenth = LocalDateTime.parse("2026-11-10T12:00").atZone(NEW_YORK).toInstant();
        Optional<Due> next = Occurrences.next(due, new Recurrence("FREQ=DAILY;INTERVAL=3", true), 1, doneOnTheTenth, NEW_YORK);
        assertThat(next).contains(new Due.Timed(LocalDateTime.parse("2026-11-13T18:00"), NEW_YORK));
    }

    @Test
    void monthlyOnTheThirtyFirstSkipsShortMonths() {
        Due due = new Due.AllDay(LocalDate.of(2026, 1, 31));
        assertThat(Occurrences.next(due, new Recurrence("FREQ=MONTHLY", false), 1, Instant.EPOCH, NEW_YORK))
                .contains(new Due.AllDay(LocalDate.of(2026, 3, 31)));
    }
}

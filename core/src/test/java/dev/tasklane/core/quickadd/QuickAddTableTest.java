package dev.tasklane.core.quickadd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.recurrence.Occurrences;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lines as people type them into a to-do app, and how each must be read. Columns: the line |
 * title | due ({@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm}, Berlin) | priority | tags |
 * RRULE | reminder ({@code before PT15M} or {@code at yyyy-MM-dd HH:mm}, Berlin). Empty means none.
 */
class QuickAddTableTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Thursday 26 November 2026, 14:30 in Berlin. */
    private static final ZonedDateTime THURSDAY = ZonedDateTime.of(2026, 11, 26, 14, 30, 0, 0, ZONE);
    /** Saturday 28 November 2026, 10:00 in Berlin. */
    private static final ZonedDateTime SATURDAY = ZonedDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZONE);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Buy milk                                        | Buy milk              |                  |        |             |                                          |
            Call mom tomorrow                               | Call mom              | 2026-11-27       |        |             |                                          |
            Call mom tomorrow at 6pm                        | Call mom              | 2026-11-27 18:00 |        |             |                                          |
            Dentist on dec 3 at 10am                        | Dentist               | 2026-12-03 10:00 |        |             |                                          |
            Dentist on 3 december at 10:30                  | Dentist               | 2026-12-03 10:30 |        |             |                                          |
            Dentist on 2026-12-03 at 9                      | Dentist               | 2026-12-03 09:00 |        |             |                                          |
            Hand in thesis on 2027-01-15                    | Hand in thesis        | 2027-01-15       |        |             |                                          |
            Coffee with Jo on wed at 8:30am                 | Coffee with Jo        | 2026-12-02 08:30 |        |             |                                          |
            Car service on 02.12.                           | Car service           | 2026-12-02       |        |             |                                          |
            Submit report by friday                         | Submit report         | 2026-11-27       |        |             |                                          |
            Submit report by friday 5pm                     | Submit report         | 2026-11-27 17:00 |        |             |                                          |
            Log in to the portal by 5pm                     | Log in to the portal  | 2026-11-26 17:00 |        |             |                                          |
            Call back by tomorrow noon                      | Call back             | 2026-11-27 12:00 |        |             |                                          |
            Pay invoice due monday                          | Pay invoice           | 2026-11-30       |        |             |                                          |
            Pay invoice due on the 15th                     | Pay invoice           | 2026-12-15       |        |             |                                          |
            Rent on the 1st                                 | Rent                  | 2026-12-01       |        |             |                                          |
            Prepare slides for monday 9am                   | Prepare slides        | 2026-11-30 09:00 |        |             |                                          |
            Buy a gift for mom                              | Buy a gift for mom    |                  |        |             |                                          |
            Turn on the lights                              | Turn on the lights    |                  |        |             |                                          |
            Standup every weekday at 9:15                   | Standup               | 2026-11-27 09:15 |        |             | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR         |
            Standup every weekday                           | Standup               | 2026-11-26       |        |             | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR         |
            Standup every weekday 9am #work                 | Standup               | 2026-11-27 09:00 |        | work        | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR         |
            Gym every 2 weeks on mon,thu                    | Gym                   | 2026-11-26       |        |             | FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH       |
            Gym every 2 weeks on mon, thu 7am               | Gym                   | 2026-11-30 07:00 |        |             | FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH       |
            Gym every 2 weeks on monday and thursday        | Gym                   | 2026-11-26       |        |             | FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH       |
            Yoga every tue and thu at 18:00                 | Yoga                  | 2026-11-26 18:00 |        |             | FREQ=WEEKLY;BYDAY=TU,TH                  |
            Yoga every tue & sat                            | Yoga                  | 2026-11-28       |        |             | FREQ=WEEKLY;BYDAY=TU,SA                  |
            Run every mon, wed, fri 7am                     | Run                   | 2026-11-27 07:00 |        |             | FREQ=WEEKLY;BYDAY=MO,WE,FR               |
            Yoga on mondays                                 | Yoga                  | 2026-11-30       |        |             | FREQ=WEEKLY;BYDAY=MO                     |
            Team lunch every other friday                   | Team lunch            | 2026-11-27       |        |             | FREQ=WEEKLY;INTERVAL=2;BYDAY=FR          |
            Water plants every sunday #home                 | Water plants          | 2026-11-29       |        | home        | FREQ=WEEKLY;BYDAY=SU                     |
            Piano lesson every monday 17:00                 | Piano lesson          | 2026-11-30 17:00 |        |             | FREQ=WEEKLY;BYDAY=MO                     |
            Sprint planning every other monday at 10        | Sprint planning       | 2026-11-30 10:00 |        |             | FREQ=WEEKLY;INTERVAL=2;BYDAY=MO          |
            Date night every friday 7pm #us                 | Date night            | 2026-11-27 19:00 |        | us          | FREQ=WEEKLY;BYDAY=FR                     |
            Call grandma each sunday                        | Call grandma          | 2026-11-29       |        |             | FREQ=WEEKLY;BYDAY=SU                     |
            Laundry every weekend                           | Laundry               | 2026-11-28       |        |             | FREQ=WEEKLY;BYDAY=SA,SU                  |
            Mow lawn fortnightly on saturday                | Mow lawn              | 2026-11-28       |        |             | FREQ=WEEKLY;INTERVAL=2;BYDAY=SA          |
            Backup weekly on friday                         | Backup                | 2026-11-27       |        |             | FREQ=WEEKLY;BYDAY=FR                     |
            Pay rent every month on the 1st                 | Pay rent              | 2026-12-01       |        |             | FREQ=MONTHLY;BYMONTHDAY=1                |
            Pay rent every 1st                              | Pay rent              | 2026-12-01       |        |             | FREQ=MONTHLY;BYMONTHDAY=1                |
            Pay rent every 31st                             | Pay rent              | 2026-12-31       |        |             | FREQ=MONTHLY;BYMONTHDAY=31               |
            Quarterly review every 3 months on the 15th     | Quarterly review      | 2026-12-15       |        |             | FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15    |
            Review budget monthly                           | Review budget         | 2026-11-26       |        |             | FREQ=MONTHLY                             |
            Clean filter every 3 months                     | Clean filter          | 2026-11-26       |        |             | FREQ=MONTHLY;INTERVAL=3                  |
            Water ferns every 3 days                        | Water ferns           | 2026-11-26       |        |             | FREQ=DAILY;INTERVAL=3                    |
            Check mail every day                            | Check mail            | 2026-11-26       |        |             | FREQ=DAILY                               |
            Take vitamins every morning                     | Take vitamins         | 2026-11-27 09:00 |        |             | FREQ=DAILY                               |
            Journal every night                             | Journal               | 2026-11-26 20:00 |        |             | FREQ=DAILY                               |
            Birthday card yearly dec 10                     | Birthday card         | 2026-12-10       |        |             | FREQ=YEARLY                              |
            Bins every other week                           | Bins                  | 2026-11-26       |        |             | FREQ=WEEKLY;INTERVAL=2                   |
            Stretch daily                                   | Stretch               | 2026-11-26       |        |             | FREQ=DAILY                               |
            Renew passport in 3 weeks                       | Renew passport        | 2026-12-17       |        |             |                                          |
            In 3 weeks renew passport                       | renew passport        | 2026-12-17       |        |             |                                          |
            Call dentist in a week                          | Call dentist          | 2026-12-03       |        |             |                                          |
            Follow up in two days                           | Follow up             | 2026-11-28       |        |             |                                          |
            Follow up in 2d                                 | Follow up             | 2026-11-28       |        |             |                                          |
            Follow up in 2 weeks time                       | Follow up             | 2026-12-10       |        |             |                                          |
            Stretch in 10 minutes                           | Stretch               | 2026-11-26 14:40 |        |             |                                          |
            Call back in 30m                                | Call back             | 2026-11-26 15:00 |        |             |                                          |
            Check oven in 2h                                | Check oven            | 2026-11-26 16:30 |        |             |                                          |
            Check oven in an hour                           | Check oven            | 2026-11-26 15:30 |        |             |                                          |
            Book flights in 2 months                        | Book flights          | 2027-01-26       |        |             |                                          |
            Renew insurance in 1 year                       | Renew insurance       | 2027-11-26       |        |             |                                          |
            Meeting in 3 rooms                              | Meeting in 3 rooms    |                  |        |             |                                          |
            Send invoice end of month                       | Send invoice          | 2026-11-30       |        |             |                                          |
            Close books by the end of the month             | Close books           | 2026-11-30       |        |             |                                          |
            Wrap up sprint end of week                      | Wrap up sprint        | 2026-11-27       |        |             |                                          |
            Tax planning end of year                        | Tax planning          | 2026-12-31       |        |             |                                          |
            Loose ends                                      | Loose ends            |                  |        |             |                                          |
            Dentist 15/04                                   | Dentist               | 2027-04-15       |        |             |                                          |
            Dentist 04/15                                   | Dentist               | 2027-04-15       |        |             |                                          |
            Dentist 03/04                                   | Dentist               | 2027-04-03       |        |             |                                          |
            Dentist 15.04.                                  | Dentist               | 2027-04-15       |        |             |                                          |
            Dentist 15.04.2027                              | Dentist               | 2027-04-15       |        |             |                                          |
            Party 24/12/2026                                | Party                 | 2026-12-24       |        |             |                                          |
            Party 24/12/26 at 7pm                           | Party                 | 2026-12-24 19:00 |        |             |                                          |
            Leap day party 29/02                            | Leap day party        | 2028-02-29       |        |             |                                          |
            Budget review 31/11                             | Budget review 31/11   |                  |        |             |                                          |
            Buy 1/2 kg flour                                | Buy 1/2 kg flour      |                  |        |             |                                          |
            Meeting 15.30                                   | Meeting 15.30         |                  |        |             |                                          |
            Call Anna at 3pm                                | Call Anna             | 2026-11-26 15:00 |        |             |                                          |
            Call Anna at 3 pm                               | Call Anna             | 2026-11-26 15:00 |        |             |                                          |
            Call Anna 9.30pm                                | Call Anna             | 2026-11-26 21:30 |        |             |                                          |
            Lunch at noon                                   | Lunch                 | 2026-11-27 12:00 |        |             |                                          |
            Standup at 9                                    | Standup               | 2026-11-27 09:00 |        |             |                                          |
            Call at 21:00                                   | Call                  | 2026-11-26 21:00 |        |             |                                          |
            Pick up kids at 3:15pm today                    | Pick up kids          | 2026-11-26 15:15 |        |             |                                          |
            Lunch today 12:30pm                             | Lunch                 | 2026-11-26 12:30 |        |             |                                          |
            Meeting at the office                           | Meeting at the office |                  |        |             |                                          |
            Movie tonight                                   | Movie                 | 2026-11-26 20:00 |        |             |                                          |
            Run tomorrow morning                            | Run                   | 2026-11-27 09:00 |        |             |                                          |
            Call dad friday evening                         | Call dad              | 2026-11-27 19:00 |        |             |                                          |
            Morning run tomorrow                            | Morning run           | 2026-11-27       |        |             |                                          |
            Meet Sam next tuesday                           | Meet Sam              | 2026-12-01       |        |             |                                          |
            Gym next thursday                               | Gym                   | 2026-12-03       |        |             |                                          |
            Vet appointment thu 4pm                         | Vet appointment       | 2026-11-26 16:00 |        |             |                                          |
            Call plumber Tues                               | Call plumber          | 2026-12-01       |        |             |                                          |
            Book review Thurs                               | Book review           | 2026-11-26       |        |             |                                          |
            Plan trip next week                             | Plan trip             | 2026-11-30       |        |             |                                          |
            Pay bills next month                            | Pay bills             | 2026-12-01       |        |             |                                          |
            Visit grandma this weekend                      | Visit grandma         | 2026-11-28       |        |             |                                          |
            Hike next weekend                               | Hike                  | 2026-12-05       |        |             |                                          |
            Clean garage this saturday                      | Clean garage          | 2026-11-28       |        |             |                                          |
            Dinner with Lea day after tomorrow              | Dinner with Lea       | 2026-11-28       |        |             |                                          |
            Tax return march 15                             | Tax return            | 2027-03-15       |        |             |                                          |
            Tax return 15th of march                        | Tax return            | 2027-03-15       |        |             |                                          |
            Tax return march 15th                           | Tax return            | 2027-03-15       |        |             |                                          |
            Anniversary dec 5 2027                          | Anniversary           | 2027-12-05       |        |             |                                          |
            Email Anna about the march budget               | Email Anna about the march budget |      |        |             |                                          |
            Call Bob tmrw 9am !high                         | Call Bob              | 2026-11-27 09:00 | HIGH   |             |                                          |
            Fix leak !!!                                    | Fix leak              |                  | HIGH   |             |                                          |
            Fix !important bug                              | Fix !important bug    |                  |        |             |                                          |
            Groceries !low #errands                         | Groceries             |                  | LOW    | errands     |                                          |
            Write blog post !2                              | Write blog post       |                  | MEDIUM |             |                                          |
            x #Home #home #work                             | x                     |                  |        | Home work   |                                          |
            Buy 9 eggs                                      | Buy 9 eggs            |                  |        |             |                                          |
            Order 3 pizzas                                  | Order 3 pizzas        |                  |        |             |                                          |
            Read "tomorrow" by Smith #books                 | Read tomorrow by Smith |                 |        | books       |                                          |
            Pay rent tomorrow 9am !high #home every month   | Pay rent              | 2026-11-27 09:00 | HIGH   | home        | FREQ=MONTHLY                             |
            Take pills daily at 8am remind me               | Take pills            | 2026-11-27 08:00 |        |             | FREQ=DAILY                               | before PT0S
            Dentist tomorrow 10am remind me 15m before      | Dentist               | 2026-11-27 10:00 |        |             |                                          | before PT15M
            Dentist tomorrow 10am remind me 15 min before   | Dentist               | 2026-11-27 10:00 |        |             |                                          | before PT15M
            Dentist tomorrow 10am remind me 1 hour before   | Dentist               | 2026-11-27 10:00 |        |             |                                          | before PT1H
            Flight dec 3 7:00 remind me 2 days before       | Flight                | 2026-12-03 07:00 |        |             |                                          | before PT48H
            Call Ann friday 3pm remind 30m before #work     | Call Ann              | 2026-11-27 15:00 |        | work        |                                          | before PT30M
            Pay bill friday remind at 8                     | Pay bill              | 2026-11-27       |        |             |                                          | at 2026-11-27 08:00
            Call mom remind at 8                            | Call mom              |                  |        |             |                                          | at 2026-11-27 08:00
            Call mom remind me at 7:30pm                    | Call mom              |                  |        |             |                                          | at 2026-11-26 19:30
            Call mom remind me 6pm                          | Call mom              |                  |        |             |                                          | at 2026-11-26 18:00
            Remind me to call Bob tomorrow                  | Remind me to call Bob | 2026-11-27       |        |             |                                          |
            """)
    void readsLinesTheWayPeopleMeanThem(String line, String title, String due, String priority, String tags, String rule,
                                        String reminder) {
        QuickAdd parsed = new QuickAddParser(THURSDAY).parse(line);
        assertThat(parsed).isEqualTo(expected(title, due, priority, tags, rule, reminder));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Dentist 04/15                     | Dentist            | 2027-04-15
            Dentist 15/04                     | Dentist            | 2027-04-15
            Ship order by 12/1                | Ship order         | 2026-12-01
            Party 12/24/2026                  | Party              | 2026-12-24
            Meeting 3/5                       | Meeting            | 2027-03-05
            Pour 3/4 cup milk                 | Pour 3/4 cup milk  |
            Pay on 3/4                        | Pay                | 2027-03-04
            """)
    void numericDatesFollowTheLocaleWhenBothReadingsAreDates(String line, String title, String due) {
        QuickAddParser american = new QuickAddParser(THURSDAY, DateOrder.of(Locale.US));
        assertThat(american.parse(line)).isEqualTo(expected(title, due, null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Standup every weekday                    | 2026-11-30       | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
            Standup every weekday at 9               | 2026-11-30 09:00 | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
            Standup today every weekday              | 2026-11-30       | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
            Review every monday                      | 2026-11-30       | FREQ=WEEKLY;BYDAY=MO
            Chores every weekend                     | 2026-11-28       | FREQ=WEEKLY;BYDAY=SA,SU
            Pay every 1st                            | 2026-12-01       | FREQ=MONTHLY;BYMONTHDAY=1
            Gym every 2 weeks on mon,thu             | 2026-11-30       | FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH
            """)
    void typedOnASaturdayTheFirstDueIsADayTheRuleProduces(String line, String due, String rule) {
        QuickAdd parsed = new QuickAddParser(SATURDAY).parse(line);
        assertThat(parsed.due()).isEqualTo(due(due));
        assertThat(parsed.recurrence()).contains(new Recurrence(rule, false));
        assertFirstDueSatisfiesRule(parsed);
    }

    @Test
    void everyRepeatingLineInTheTableStartsOnADayItsRuleProduces() {
        List<String> lines = List.of("Standup every weekday at 9:15", "Gym every 2 weeks on mon, thu 7am", "Yoga every tue & sat",
                "Pay rent every 31st", "Quarterly review every 3 months on the 15th", "Piano lesson every monday 17:00",
                "Laundry every weekend", "Run every mon, wed, fri 7am", "Yoga on mondays", "Standup every weekday friday");
        for (ZonedDateTime now = THURSDAY; now.isBefore(THURSDAY.plusDays(7)); now = now.plusDays(1)) {
            QuickAddParser parser = new QuickAddParser(now);
            for (String line : lines) {
                assertFirstDueSatisfiesRule(parser.parse(line));
            }
        }
    }

    /** The rule's own expansion from the due starts with the due, and the due's day is one of the rule's days. */
    private static void assertFirstDueSatisfiesRule(QuickAdd parsed) {
        Due due = parsed.due().orElseThrow();
        Recurrence recurrence = parsed.recurrence().orElseThrow();
        assertThat(Occurrences.preview(due, recurrence, 1)).as(recurrence.rule()).containsExactly(due);
        var rule = recurrence.parsedRule();
        if (rule.getByDayPart() != null) {
            assertThat(rule.getByDayPart()).as(recurrence.rule() + " on " + due)
                    .anyMatch(weekday -> weekday.weekday.name().equals(due.date().getDayOfWeek().name().substring(0, 2)));
        }
        if (rule.getByPart(org.dmfs.rfc5545.recur.RecurrenceRule.Part.BYMONTHDAY) != null) {
            assertThat(rule.getByPart(org.dmfs.rfc5545.recur.RecurrenceRule.Part.BYMONTHDAY)).contains(due.date().getDayOfMonth());
        }
    }

    private static QuickAdd expected(String title, String due, String priority, String tags, String rule, String reminder) {
        return new QuickAdd(title, due(due), priority == null ? Priority.NONE : Priority.valueOf(priority),
                tags == null ? List.of() : Arrays.asList(tags.split(" ")),
                rule == null ? Optional.empty() : Optional.of(new Recurrence(rule, false)), reminder(reminder));
    }

    private static Optional<Due> due(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.length() == 10) {
            return Optional.of(new Due.AllDay(LocalDate.parse(text)));
        }
        return Optional.of(new Due.Timed(LocalDateTime.parse(text.replace(' ', 'T')), ZONE));
    }

    private static Optional<Reminder> reminder(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.startsWith("before ")) {
            return Optional.of(new Reminder.BeforeDue(Duration.parse(text.substring(7))));
        }
        return Optional.of(new Reminder.At(LocalDateTime.parse(text.substring(3).replace(' ', 'T')).atZone(ZONE).toInstant()));
    }
}

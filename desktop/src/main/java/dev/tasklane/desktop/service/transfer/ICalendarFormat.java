package dev.tasklane.desktop.service.transfer;

import com.fasterxml.uuid.Generators;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Priority;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.SeriesLink;
import dev.tasklane.core.task.Task;
import dev.tasklane.core.task.ValidationException;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.parameter.Related;
import net.fortuna.ical4j.model.property.Action;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Completed;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Trigger;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;

/**
 * Tasks as RFC 5545 iCalendar, through ical4j. Each task is a VTODO: UID (the task id), SUMMARY,
 * DESCRIPTION, PRIORITY (1 high, 5 medium, 9 low), CATEGORIES (tags), DUE (a date, or a local time
 * with TZID and the zone's VTIMEZONE), RRULE (with DTSTART = due, which recurrence needs), STATUS
 * and COMPLETED, CREATED, and the reminder as a VALARM (TRIGGER before the due, RELATED=END, or at
 * a UTC time). Two Tasklane-only facts go in X- properties other apps ignore: a repeat counted from
 * completion and the series link.
 *
 * <p>Reading takes VTODOs and VEVENTs (an event's start is the due). Items another app made get a
 * task id derived from their UID (UUIDv5), so importing the same file twice finds them already
 * there instead of making copies.
 */
final class ICalendarFormat {

    static final String PRODUCT_ID = "-//Tasklane//Tasklane desktop//EN";
    static final String REPEAT_FROM = "X-TASKLANE-REPEAT-FROM";
    static final String SERIES = "X-TASKLANE-SERIES";
    /** Namespace of the ids made from other apps' UIDs (a fixed random UUID; changing it would duplicate re-imports). */
    private static final UUID FOREIGN_UID_NAMESPACE = UUID.fromString("5d0b7a1e-3f5c-4c61-9a53-2f7c8e4b6a10");

    private ICalendarFormat() {
    }

    // ---- writing

    static void write(List<Task> tasks, Instant now, Writer out) throws IOException {
        Calendar calendar = new Calendar();
        calendar.withProdId(PRODUCT_ID).withDefaults();
        TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
        Set<String> zoneIds = new TreeSet<>();
        for (Task task : tasks) {
            if (task.due().orElse(null) instanceof Due.Timed timed) {
                zoneIds.add(timed.zone().getId());
            }
        }
        for (String zoneId : zoneIds) {
            // Calendar apps such as Outlook need the zone's rules in the file; a zone ical4j does not
            // know still gets its TZID, which IANA-aware apps resolve.
            net.fortuna.ical4j.model.TimeZone zone = zones.getTimeZone(zoneId);
            if (zone != null) {
                calendar.add(zone.getVTimeZone());
            }
        }
        for (Task task : tasks) {
            calendar.add(toDo(task, now));
        }
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (net.fortuna.ical4j.validate.ValidationException e) {
            throw new IOException("the calendar did not validate: " + e.getMessage(), e);
        }
    }

    private static VToDo toDo(Task task, Instant now) {
        VToDo todo = new VToDo(false);
        todo.add(new Uid(task.id().toString()));
        todo.add(new DtStamp(now));
        todo.add(new Created(task.createdAt()));
        todo.add(new Summary(task.title()));
        if (!task.notes().isEmpty()) {
            todo.add(new Description(task.notes()));
        }
        if (task.priority() != Priority.NONE) {
            todo.add(new net.fortuna.ical4j.model.property.Priority(switch (task.priority()) {
                case HIGH -> 1;
                case MEDIUM -> 5;
                default -> 9;
            }));
        }
        if (!task.tags().isEmpty()) {
            todo.add(new Categories(new TextList(task.tags())));
        }
        task.due().ifPresent(due -> {
            Temporal value = temporal(due);
            todo.add(new net.fortuna.ical4j.model.property.Due<>(value));
            if (task.recurrence().isPresent()) {
                todo.add(new DtStart<>(value));
            }
        });
        task.recurrence().ifPresent(recurrence -> {
            todo.add(new RRule<>(recurrence.rule()));
            if (recurrence.fromCompletion()) {
                todo.add(new XProperty(REPEAT_FROM, "COMPLETION"));
            }
        });
        task.series().ifPresent(series -> todo.add(new XProperty(SERIES, series.encode())));
        todo.add(new Status(task.completed() ? Status.VALUE_COMPLETED : Status.VALUE_NEEDS_ACTION));
        task.completedAt().ifPresent(at -> todo.add(new Completed(at)));
        task.reminder().ifPresent(reminder -> todo.add(alarm(reminder, task.title())));
        return todo;
    }

    private static Temporal temporal(Due due) {
        return switch (due) {
            case Due.AllDay allDay -> allDay.date();
            case Due.Timed timed -> timed.dateTime().atZone(timed.zone());
        };
    }

    private static VAlarm alarm(Reminder reminder, String title) {
        VAlarm alarm = new VAlarm();
        switch (reminder) {
            case Reminder.At at -> alarm.add(new Trigger(at.instant()));
            // For a VTODO, RELATED=END counts from DUE (RFC 5545 3.8.6.3).
            case Reminder.BeforeDue before -> alarm.add(new Trigger(new ParameterList(List.of(Related.END)), before.offset().negated()));
        }
        alarm.add(new Action(Action.VALUE_DISPLAY));
        alarm.add(new Description(title));
        return alarm;
    }

    // ---- reading

    static Parsed read(String text, ZonedDateTime now) throws ImportFileException {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (ParserException e) {
            throw new ImportFileException("This is not a readable iCalendar file (line " + e.getLineNo() + ": "
                    + firstSentence(e.getMessage()) + "). Nothing was imported.", e);
        } catch (IOException | RuntimeException e) {
            throw new ImportFileException("This iCalendar file could not be read (" + firstSentence(e.getMessage())
                    + "). Nothing was imported.", e);
        }
        List<Task> tasks = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        Map<String, Integer> ignored = new LinkedHashMap<>();
        int pastEvents = 0;
        for (CalendarComponent component : calendar.<CalendarComponent>getComponents()) {
            String kind = component.getName().toUpperCase(Locale.ROOT);
            boolean event = kind.equals(Component.VEVENT);
            if (!event && !kind.equals(Component.VTODO)) {
                if (!kind.equals(Component.VTIMEZONE)) {
                    ignored.merge(kind, 1, Integer::sum);
                }
                continue;
            }
            String label = "“" + text(component, Property.SUMMARY).orElse("(no title)") + "” (" + (event ? "event" : "task") + ")";
            if (component.getProperty(Property.RECURRENCE_ID).isPresent()) {
                skipped.add(new Skipped(label, "a changed single occurrence of a repeating item; Tasklane keeps the series itself"));
                continue;
            }
            if (text(component, Property.STATUS).filter(s -> s.equalsIgnoreCase(Status.VALUE_CANCELLED)).isPresent()) {
                skipped.add(new Skipped(label, "cancelled"));
                continue;
            }
            try {
                Optional<TaskDraft> draft = draft(component, event, label, now, skipped);
                if (draft.isEmpty()) {
                    pastEvents++;
                    continue;
                }
                if (!seen.add(draft.get().id)) {
                    skipped.add(new Skipped(label, "appears twice in the file (same UID); the first one was imported"));
                    continue;
                }
                draft.get().build(skipped).ifPresent(tasks::add);
            } catch (RuntimeException e) {
                // ical4j throws unchecked exceptions for values it cannot parse; skip the item, say why.
                skipped.add(new Skipped(label, "could not be read (" + firstSentence(e.getMessage()) + ")"));
            }
        }
        if (pastEvents > 0) {
            skipped.add(new Skipped(pastEvents == 1 ? "1 event" : pastEvents + " events",
                    "ended before today and do not repeat, so they are not made into tasks"));
        }
        ignored.forEach((kind, count) -> skipped.add(new Skipped(count + " " + kind, "not a task or event; Tasklane has no place for it")));
        return new Parsed(tasks, skipped);
    }

    /** The draft of one VTODO or VEVENT; empty for a past one-off event (counted, not listed one by one). */
    private static Optional<TaskDraft> draft(CalendarComponent component, boolean event, String label, ZonedDateTime now,
                                             List<Skipped> skipped) {
        Optional<String> uid = text(component, Property.UID).filter(u -> !u.isBlank());
        UUID id = uid.map(ICalendarFormat::idFor).orElseGet(dev.tasklane.core.id.TaskIds::newTaskId);
        Instant created = date(component, Property.CREATED).map(t -> instant(t, now.getZone()))
                .or(() -> date(component, Property.DTSTAMP).map(t -> instant(t, now.getZone())))
                .orElse(now.toInstant());
        TaskDraft draft = new TaskDraft(id, label, created);
        draft.title = text(component, Property.SUMMARY).orElse("").replace("\r", "").replace('\n', ' ');
        draft.notes = text(component, Property.DESCRIPTION).orElse("");
        draft.priority = text(component, Property.PRIORITY).map(ICalendarFormat::priority).orElse(Priority.NONE);
        for (Property categories : component.getProperties(Property.CATEGORIES)) {
            if (categories instanceof Categories list) {
                draft.tags.addAll(list.getCategories().getTexts());
            }
        }
        String dueProperty = event || component.getProperty(Property.DUE).isEmpty() ? Property.DTSTART : Property.DUE;
        Optional<Temporal> due = date(component, dueProperty);
        Optional<String> tzid = component.getProperty(dueProperty)
                .flatMap(p -> p.<net.fortuna.ical4j.model.parameter.TzId>getParameter(net.fortuna.ical4j.model.Parameter.TZID))
                .map(net.fortuna.ical4j.model.Parameter::getValue);
        draft.due = due.map(t -> due(t, tzid, now.getZone()));
        List<Property> rules = component.getProperties(Property.RRULE);
        if (!rules.isEmpty()) {
            String rule = rules.getFirst().getValue();
            try {
                boolean fromCompletion = text(component, REPEAT_FROM).filter(v -> v.equalsIgnoreCase("COMPLETION")).isPresent();
                draft.recurrence = Optional.of(new Recurrence(rule, fromCompletion));
            } catch (ValidationException e) {
                skipped.add(new Skipped(label, "repeat rule left out: " + e.errors().getFirst().message()));
            }
            if (rules.size() > 1 || !component.getProperties(Property.RDATE, Property.EXDATE).isEmpty()) {
                skipped.add(new Skipped(label, "only the first repeat rule was kept (extra rules, RDATE and EXDATE are not supported)"));
            }
        }
        if (event && draft.recurrence.isEmpty() && due.isPresent()) {
            Temporal end = date(component, Property.DTEND).orElse(due.get());
            if (endOf(end, now.getZone()).isBefore(now.toInstant())) {
                return Optional.empty();
            }
        }
        text(component, SERIES).ifPresent(series -> {
            try {
                draft.series = Optional.of(SeriesLink.parse(series));
            } catch (IllegalArgumentException e) {
                skipped.add(new Skipped(label, "series link left out: " + e.getMessage()));
            }
        });
        draft.completedAt = date(component, Property.COMPLETED).map(t -> instant(t, now.getZone()));
        if (draft.completedAt.isEmpty() && text(component, Property.STATUS).filter(s -> s.equalsIgnoreCase(Status.VALUE_COMPLETED)).isPresent()) {
            draft.completedAt = date(component, Property.LAST_MODIFIED).map(t -> instant(t, now.getZone())).or(() -> Optional.of(now.toInstant()));
        }
        List<VAlarm> alarms = component instanceof VToDo todo ? todo.getAlarms()
                : component instanceof net.fortuna.ical4j.model.component.VEvent vevent ? vevent.getAlarms() : List.of();
        for (VAlarm alarm : alarms) {
            Optional<Reminder> reminder = reminder(alarm, event, label, skipped);
            if (reminder.isPresent()) {
                draft.reminder = reminder;
                if (alarms.size() > 1) {
                    skipped.add(new Skipped(label, "only the first reminder was kept (a task has one)"));
                }
                break;
            }
        }
        return Optional.of(draft);
    }

    private static Optional<Reminder> reminder(VAlarm alarm, boolean event, String label, List<Skipped> skipped) {
        Optional<Trigger> trigger = alarm.getTrigger();
        if (trigger.isEmpty()) {
            return Optional.empty();
        }
        if (trigger.get().isAbsolute()) {
            return Optional.of(new Reminder.At(trigger.get().getDate()));
        }
        TemporalAmount amount = trigger.get().getDuration();
        // Day and week triggers ("-P1D") come as a Period; a day is 24 hours here, as in RFC 5545 durations.
        Duration offset = amount instanceof Period period ? Duration.ofDays(period.getDays() + period.toTotalMonths() * 30)
                : Duration.from(amount);
        boolean relatedToEnd = trigger.get().<Related>getParameter(net.fortuna.ical4j.model.Parameter.RELATED)
                .filter(Related.END::equals).isPresent();
        // Tasklane counts reminders back from the due: a task's DUE (RELATED=END), an event's start.
        if (event == relatedToEnd) {
            skipped.add(new Skipped(label, "reminder left out: it counts from the " + (event ? "end of the event" : "start of the task")
                    + ", Tasklane counts from the due time"));
            return Optional.empty();
        }
        if (offset.isPositive()) {
            skipped.add(new Skipped(label, "reminder left out: it is after the due time, Tasklane reminds before it"));
            return Optional.empty();
        }
        try {
            return Optional.of(new Reminder.BeforeDue(offset.negated()));
        } catch (IllegalArgumentException e) {
            skipped.add(new Skipped(label, "reminder left out: more than 28 days before the due"));
            return Optional.empty();
        }
    }

    /** A task id for an item's UID: Tasklane's own UIDs are task ids; others map to a stable UUIDv5. */
    static UUID idFor(String uid) {
        try {
            UUID id = UUID.fromString(uid.strip());
            if (id.toString().equalsIgnoreCase(uid.strip())) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not a UUID: derived below
        }
        return Generators.nameBasedGenerator(FOREIGN_UID_NAMESPACE).generate(uid.strip());
    }

    private static Priority priority(String value) {
        try {
            int level = Integer.parseInt(value.strip());
            if (level >= 1 && level <= 4) {
                return Priority.HIGH;
            }
            if (level == 5) {
                return Priority.MEDIUM;
            }
            return level >= 6 && level <= 9 ? Priority.LOW : Priority.NONE;
        } catch (NumberFormatException e) {
            return Priority.NONE;
        }
    }

    /** A date property as ical4j resolved it: LocalDate, LocalDateTime (floating), ZonedDateTime, OffsetDateTime or Instant. */
    private static Optional<Temporal> date(Component component, String name) {
        Optional<Property> property = component.getProperty(name);
        if (property.isPresent() && property.get() instanceof DateProperty<?> date) {
            return Optional.ofNullable(date.getDate());
        }
        return Optional.empty();
    }

    /**
     * A due from a date property. ical4j hands back its own zone ids for TZIDs; an IANA TZID (what
     * Tasklane and most apps write) keeps its wall time and zone. A zone only the file defines
     * (Outlook's "W. Europe Standard Time") or a UTC time keeps the moment, in the user's zone.
     */
    private static Due due(Temporal value, Optional<String> tzid, ZoneId localZone) {
        Optional<ZoneId> iana = tzid.filter(ZoneId.getAvailableZoneIds()::contains).map(ZoneId::of);
        return switch (value) {
            case LocalDate date -> new Due.AllDay(date);
            case LocalDateTime floating -> new Due.Timed(floating, iana.orElse(localZone));
            case ZonedDateTime zoned when iana.isPresent() -> new Due.Timed(zoned.withZoneSameInstant(iana.get()).toLocalDateTime(), iana.get());
            default -> new Due.Timed(LocalDateTime.ofInstant(instant(value, localZone), localZone), localZone);
        };
    }

    private static Instant instant(Temporal value, ZoneId localZone) {
        return switch (value) {
            case Instant instant -> instant;
            case ZonedDateTime zoned -> zoned.toInstant();
            case OffsetDateTime offset -> offset.toInstant();
            case LocalDateTime floating -> floating.atZone(localZone).toInstant();
            case LocalDate date -> date.atStartOfDay(localZone).toInstant();
            default -> Instant.from(value);
        };
    }

    /** When an event's end has passed: a date end means the day is over. */
    private static Instant endOf(Temporal end, ZoneId localZone) {
        return end instanceof LocalDate date ? date.plusDays(1).atStartOfDay(localZone).toInstant() : instant(end, localZone);
    }

    private static Optional<String> text(Component component, String name) {
        return component.getProperty(name).map(Property::getValue);
    }

    private static String firstSentence(String message) {
        if (message == null || message.isBlank()) {
            return "unknown problem";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}

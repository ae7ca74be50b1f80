package dev.tasklane.desktop.service.reminders;

import dev.tasklane.core.task.Task;
import dev.tasklane.desktop.service.tasks.DueText;
import dev.tasklane.desktop.service.tasks.LearnedReminder;
import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.store.ReminderLog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires each reminder at its time, with no server. A reminder is claimed in the reminder log
 * before it is shown, so it shows once per device: a restart does not repeat it. At start,
 * reminders that came due while the app was closed (within {@code missedWindow}) are shown once,
 * marked missed — but only reminders this device knew before they fired: a reminder that reaches
 * the device through sync (signing in, or another device's new task) after its time is recorded
 * as handled without a popup and only counted ({@link #onQuietlySkipped}).
 *
 * <p>The next reminder is timed exactly; a periodic check also runs, because timers based on a
 * monotonic clock do not advance while a laptop sleeps.
 */
public final class ReminderScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReminderScheduler.class.getName());
    /** A reminder shown more than this late (sleep, app closed) is marked missed. */
    private static final Duration LATE = Duration.ofMinutes(2);

    private final TaskService tasks;
    private final ReminderLog log;
    private final Notifier notifier;
    private final InstantSource time;
    private final ScheduledExecutorService executor;
    private final Duration missedWindow;
    private final Duration safetyCheck;
    private final java.util.concurrent.atomic.AtomicInteger quietlySkipped = new java.util.concurrent.atomic.AtomicInteger();
    private final List<java.util.function.IntConsumer> quietListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ScheduledFuture<?> nextTimer;
    private ScheduledFuture<?> periodic;

    public ReminderScheduler(TaskService tasks, ReminderLog log, Notifier notifier, InstantSource time,
                             ScheduledExecutorService executor, Duration missedWindow, Duration safetyCheck) {
        this.tasks = tasks;
        this.log = log;
        this.notifier = notifier;
        this.time = time;
        this.executor = executor;
        this.missedWindow = missedWindow;
        this.safetyCheck = safetyCheck;
        // Registered here, not in start(): a sync that runs before start() must not leave popups behind.
        tasks.onRemindersLearnedFromSync(this::skipThoseAlreadyPast);
    }

    /** {@code listener} hears how many reminders were just skipped quietly (they fired before this device had them). */
    public void onQuietlySkipped(java.util.function.IntConsumer listener) {
        quietListeners.add(listener);
    }

    /** How many reminders this scheduler skipped quietly since it was created. */
    public int quietlySkipped() {
        return quietlySkipped.get();
    }

    /** Records reminders that sync brought after their time as handled, without showing them. */
    private void skipThoseAlreadyPast(List<LearnedReminder> learned) {
        try {
            Instant now = time.instant();
            int skipped = 0;
            for (LearnedReminder reminder : learned) {
                if (reminder.fireAt().isBefore(now.minus(LATE)) && log.claim(reminder.taskId(), reminder.fireAt(), now, true)) {
                    skipped++;
                }
            }
            reportQuiet(skipped);
        } catch (RuntimeException e) {
            // Never fail the merge: at worst the reminder shows as missed.
            LOG.log(Level.WARNING, "could not record reminders that arrived after their time", e);
        }
    }

    private void reportQuiet(int skipped) {
        if (skipped > 0) {
            quietlySkipped.addAndGet(skipped);
            quietListeners.forEach(listener -> listener.accept(skipped));
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean replanQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /** Shows missed reminders, then keeps firing reminders until closed; re-plans when tasks change. */
    public synchronized void start() {
        // One re-plan queued at a time: a download brings a change per page (hundreds), and each
        // re-plan reads every task; the one queued runs after the latest change anyway.
        tasks.addListener(change -> {
            if (replanQueued.compareAndSet(false, true)) {
                executor.execute(() -> {
                    replanQueued.set(false);
                    fireDueAndReschedule();
                });
            }
        });
        periodic = executor.scheduleWithFixedDelay(this::fireDueAndReschedule,
                safetyCheck.toMillis(), safetyCheck.toMillis(), TimeUnit.MILLISECONDS);
        executor.execute(this::fireDueAndReschedule);
    }

    /** A reminder of a live task and the moment it fires. */
    private record Pending(Task task, Instant fireAt) {
    }

    /** Every reminder of a live, open task whose fire time is known; one pass over the tasks. */
    private List<Pending> pending() {
        return tasks.tasksWithReminders().stream()
                .flatMap(task -> task.reminder().flatMap(r -> r.fireTime(task.due(), tasks.zone()))
                        .map(at -> new Pending(task, at)).stream())
                .toList();
    }

    /** Shows every reminder that is due and not yet shown on this device; returns how many. */
    public synchronized int fireDue() {
        return fireDue(pending());
    }

    private int fireDue(List<Pending> reminders) {
        Instant now = time.instant();
        int shown = 0;
        for (Pending reminder : reminders) {
            Instant fireAt = reminder.fireAt();
            if (fireAt.isAfter(now) || fireAt.isBefore(now.minus(missedWindow))) {
                continue;
            }
            boolean missed = fireAt.isBefore(now.minus(LATE));
            if (log.claim(reminder.task().id(), fireAt, now, missed)) {
                show(reminder.task(), fireAt, missed);
                shown++;
            }
        }
        return shown;
    }

    /**
     * Shows a reminder the server delivered (another device's schedule, or the reminders
     * service), unless this device already showed it — locally fired or delivered before.
     */
    public synchronized boolean showDelivered(java.util.UUID taskId, String title, Instant fireAt) {
        Instant now = time.instant();
        // The server may have decided before it heard of this device's latest changes: a task
        // completed or deleted here no longer wants its reminder.
        Optional<Task> known = tasks.find(taskId);
        if (known.isPresent() && (known.get().completed() || known.get().deleted())) {
            return false;
        }
        boolean missed = fireAt.isBefore(now.minus(LATE));
        if (known.isEmpty() && missed) {
            // Fired before this device had the task (it arrives by sync later): no "missed" popup.
            reportQuiet(log.claim(taskId, fireAt, now, true) ? 1 : 0);
            return false;
        }
        if (!log.claim(taskId, fireAt, now, missed)) {
            return false;
        }
        if (known.isPresent()) {
            show(known.get(), fireAt, missed);
        } else {
            display(new ReminderNotice(taskId, title, "Reminder", fireAt, false));
        }
        return true;
    }

    private synchronized void fireDueAndReschedule() {
        try {
            List<Pending> reminders = pending();
            fireDue(reminders);
            reschedule(reminders);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reminder check failed; retrying at the next check", e);
        }
    }

    private void reschedule(List<Pending> reminders) {
        if (nextTimer != null) {
            nextTimer.cancel(false);
        }
        Instant now = time.instant();
        reminders.stream()
                .map(Pending::fireAt)
                .filter(at -> at.isAfter(now))
                .min(Comparator.naturalOrder())
                .ifPresent(at -> nextTimer = executor.schedule(this::fireDueAndReschedule,
                        Duration.between(now, at).toMillis() + 1, TimeUnit.MILLISECONDS));
    }

    private void show(Task task, Instant fireAt, boolean missed) {
        String when = task.due().map(due -> "Due " + DueText.relative(due, time.instant().atZone(tasks.zone()))).orElse("Reminder");
        String body = missed ? "Missed while Tasklane was closed. " + when : when;
        display(new ReminderNotice(task.id(), task.title(), body, fireAt, missed));
    }

    private void display(ReminderNotice notice) {
        try {
            notifier.show(notice);
        } catch (Notifier.NotificationException e) {
            LOG.log(Level.WARNING, "could not show reminder for " + notice.taskId() + " with " + notifier.name(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        if (nextTimer != null) {
            nextTimer.cancel(false);
        }
    }
}

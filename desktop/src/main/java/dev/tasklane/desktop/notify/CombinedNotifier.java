package dev.tasklane.desktop.notify;

import dev.tasklane.desktop.service.reminders.Notifier;
import dev.tasklane.desktop.service.reminders.ReminderNotice;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shows each reminder through the first notifier that can, and optionally also in the in-app
 * popup (for platforms whose native popups carry no action buttons).
 */
public final class CombinedNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(CombinedNotifier.class.getName());

    private final List<Notifier> chain;
    private final List<Notifier> always;

    /**
     * @param chain  tried in order until one succeeds
     * @param always shown in addition, every time
     */
    public CombinedNotifier(List<Notifier> chain, List<Notifier> always) {
        this.chain = List.copyOf(chain);
        this.always = List.copyOf(always);
    }

    @Override
    public void show(ReminderNotice notice) throws NotificationException {
        NotificationException last = null;
        boolean shown = false;
        for (Notifier notifier : chain) {
            try {
                notifier.show(notice);
                shown = true;
                break;
            } catch (NotificationException e) {
                LOG.log(Level.INFO, notifier.name() + " could not show a reminder; trying the next notifier", e);
                last = e;
            }
        }
        for (Notifier notifier : always) {
            notifier.show(notice);
            shown = true;
        }
        if (!shown) {
            throw last != null ? last : new NotificationException("no notifier configured", null);
        }
    }

    @Override
    public String name() {
        return String.join("+", chain.stream().map(Notifier::name).toList());
    }
}

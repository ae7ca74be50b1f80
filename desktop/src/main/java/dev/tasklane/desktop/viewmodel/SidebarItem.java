package dev.tasklane.desktop.viewmodel;

import dev.tasklane.core.task.Priority;
import dev.tasklane.desktop.service.tasks.SmartList;

/** An entry in the sidebar: a smart list, a tag or a priority, with its count of open tasks. */
public sealed interface SidebarItem {

    String label();

    int count();

    /** A section heading; not selectable. */
    record Heading(String label) implements SidebarItem {
        @Override
        public int count() {
            return -1;
        }
    }

    record ListItem(SmartList list, int count) implements SidebarItem {
        @Override
        public String label() {
            return list.label();
        }
    }

    record TagItem(String key, String label, int count) implements SidebarItem {
    }

    /** A sync inbox (conflicts, changes not synced) with the number of entries waiting. */
    record InboxItem(Inbox inbox, int count) implements SidebarItem {
        @Override
        public String label() {
            return inbox.label();
        }
    }

    record PriorityItem(Priority priority, int count) implements SidebarItem {
        @Override
        public String label() {
            return priority.label();
        }
    }
}

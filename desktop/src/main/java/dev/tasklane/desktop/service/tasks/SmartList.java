package dev.tasklane.desktop.service.tasks;

/** The built-in lists in the sidebar. */
public enum SmartList {
    /** Every open task. */
    ALL("All"),
    /** Open tasks due today or earlier. */
    TODAY("Today"),
    /** Open tasks due after today. */
    UPCOMING("Upcoming"),
    /** Open tasks past their due. */
    OVERDUE("Overdue"),
    /** Completed tasks, newest first by default. */
    COMPLETED("Completed");

    private final String label;

    SmartList(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

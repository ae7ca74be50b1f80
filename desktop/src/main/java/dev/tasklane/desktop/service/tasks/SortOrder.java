package dev.tasklane.desktop.service.tasks;

/** How the task list is ordered. */
public enum SortOrder {
    DUE("Due date"),
    PRIORITY("Priority"),
    CREATED("Newest first"),
    TITLE("Title");

    private final String label;

    SortOrder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

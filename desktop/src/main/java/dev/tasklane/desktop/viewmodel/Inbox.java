package dev.tasklane.desktop.viewmodel;

/** The sync inboxes in the sidebar: things that need the user's decision. */
public enum Inbox {
    CONFLICTS("Conflicts"),
    NOT_SYNCED("Not synced");

    private final String label;

    Inbox(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

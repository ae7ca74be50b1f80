package dev.tasklane.core.task;

/** The size limits every part of Tasklane enforces, in one place. */
public final class TaskLimits {
    public static final int TITLE_MAX = 500;
    public static final int NOTES_MAX = 20_000;
    public static final int TAGS_MAX = 30;
    public static final int TAG_MAX = 50;

    private TaskLimits() {
    }
}

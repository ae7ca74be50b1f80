package dev.tasklane.desktop.service.transfer;

/**
 * Something from an imported file that Tasklane did not take, or took only in part, and why — in
 * words for the user, e.g. {@code “Team sync” (event)} / {@code ended before today}.
 */
public record Skipped(String item, String reason) {

    public String describe() {
        return item + ": " + reason;
    }
}

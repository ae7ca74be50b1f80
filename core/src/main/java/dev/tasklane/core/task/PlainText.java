package dev.tasklane.core.task;

/**
 * The one rule every stored text obeys: no U+0000 and no lone UTF-16 surrogate. PostgreSQL text
 * cannot hold U+0000, and a lone surrogate has no UTF-8 encoding (it would come back as "?"), so
 * either would make a device and the server disagree about a value. Everything else — emoji,
 * right-to-left text, combining marks — is fine.
 */
public final class PlainText {

    private PlainText() {
    }

    /** The problem with {@code text} as a sentence fragment, or an empty string when it is fine. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains the character U+0000 (NUL), which cannot be stored.";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone UTF-16 surrogate (broken text encoding).";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains a lone UTF-16 surrogate (broken text encoding).";
            }
        }
        return "";
    }
}

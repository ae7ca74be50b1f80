package dev.tasklane.core.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tag rules. A tag is 1–50 characters after trimming, without '#', commas or control characters,
 * and tags are unique ignoring case: the key of a tag is its lower-case form.
 */
public final class Tags {

    private Tags() {
    }

    /** The case-insensitive identity of a tag. */
    public static String key(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }

    /** Returns the problem with one tag, or an empty string when it is fine. */
    public static String problem(String tag) {
        String trimmed = tag.strip();
        if (trimmed.isEmpty()) {
            return "A tag cannot be empty.";
        }
        if (trimmed.length() > TaskLimits.TAG_MAX) {
            return "Tag \"" + trimmed.substring(0, 20) + "…\" is longer than " + TaskLimits.TAG_MAX + " characters.";
        }
        if (!PlainText.problem(trimmed).isEmpty()) {
            return "A tag " + PlainText.problem(trimmed);
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '#' || c == ',' || Character.isISOControl(c)) {
                return "Tag \"" + trimmed + "\" may not contain '#', ',' or control characters.";
            }
        }
        return "";
    }

    /**
     * Trims tags and drops later case-insensitive duplicates, keeping the first spelling.
     * Does not validate; see {@link #problem(String)}.
     */
    public static List<String> normalize(List<String> tags) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String tag : tags) {
            String trimmed = tag.strip();
            byKey.putIfAbsent(key(trimmed), trimmed);
        }
        return new ArrayList<>(byKey.values());
    }

    /** Splits "home, work  errands" style input on commas and whitespace, dropping '#' prefixes. */
    public static List<String> split(String text) {
        List<String> tags = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            String tag = part.startsWith("#") ? part.substring(1) : part;
            if (!tag.isBlank()) {
                tags.add(tag);
            }
        }
        return normalize(tags);
    }
}

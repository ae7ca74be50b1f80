package dev.tasklane.core.merge;

import dev.tasklane.core.clock.Hlc;
import java.util.Comparator;

/**
 * One tag's membership in a task: present or removed, with the clock of that decision and the
 * spelling to display. Each tag is its own register, so concurrent edits of different tags on
 * two devices both survive.
 */
public record TagState(String display, boolean present, Hlc hlc) {

    private static final Comparator<TagState> ORDER = Comparator.comparing(TagState::hlc)
            .thenComparing(TagState::present)
            .thenComparing(TagState::display);

    /** The later of two decisions about the same tag. */
    public static TagState max(TagState a, TagState b) {
        return ORDER.compare(a, b) >= 0 ? a : b;
    }
}

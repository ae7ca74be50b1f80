package dev.tasklane.core.merge;

import dev.tasklane.core.clock.Hlc;
import java.util.Comparator;

/**
 * A last-writer-wins register: a field's value, the clock of the write that set it, and the
 * clock of the value the writer had seen ({@code base}). The base lets a merge tell an
 * overwrite (the writer saw the old value) from a concurrent edit (it did not), which becomes a
 * {@link Conflict}.
 */
public record Register(String value, Hlc hlc, Hlc base) {

    /** Orders registers by clock; value and base only break ties that a correct clock never makes. */
    static final Comparator<Register> ORDER = Comparator.comparing(Register::hlc)
            .thenComparing(Register::value)
            .thenComparing(Register::base);

    /** The winner of two writes to the same field: the one with the larger clock. */
    public static Register max(Register a, Register b) {
        return ORDER.compare(a, b) >= 0 ? a : b;
    }
}

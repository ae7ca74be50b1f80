package dev.tasklane.core.clock;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A hybrid logical clock timestamp: wall-clock milliseconds, a logical counter for events in the
 * same millisecond, and the id of the node that made it. Timestamps are totally ordered by
 * (wall, counter, node), so two different writers never tie.
 *
 * <p>The text form {@code 0001732000000000-00000-node} sorts lexicographically in clock order,
 * which lets stores index it as a plain string.
 */
public record Hlc(long wallMillis, int counter, String node) implements Comparable<Hlc> {

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_.:-]{0,64}");
    private static final Comparator<Hlc> ORDER = Comparator.comparingLong(Hlc::wallMillis)
            .thenComparingInt(Hlc::counter)
            .thenComparing(Hlc::node);

    /** Smaller than every clock a node can produce; the "base" of a field nobody has set. */
    public static final Hlc ZERO = new Hlc(0, 0, "");

    public Hlc {
        Objects.requireNonNull(node, "node");
        if (wallMillis < 0 || wallMillis > 9_999_999_999_999_999L) {
            throw new IllegalArgumentException("HLC wall time out of range: " + wallMillis);
        }
        if (counter < 0 || counter > 99_999) {
            throw new IllegalArgumentException("HLC counter out of range: " + counter);
        }
        if (!NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("HLC node id must be 0-64 of [A-Za-z0-9_.:-]: " + node);
        }
    }

    @Override
    public int compareTo(Hlc other) {
        return ORDER.compare(this, other);
    }

    public boolean isAfter(Hlc other) {
        return compareTo(other) > 0;
    }

    /** The sortable text form, e.g. {@code 0001732000000000-00003-laptop}. */
    public String encode() {
        return String.format("%016d-%05d-%s", wallMillis, counter, node);
    }

    /**
     * Parses the form produced by {@link #encode()}.
     *
     * @throws IllegalArgumentException with a readable message when the text is not a clock
     */
    public static Hlc parse(String text) {
        String[] parts = text.split("-", 3);
        if (parts.length != 3 || parts[0].length() != 16 || parts[1].length() != 5) {
            throw new IllegalArgumentException("not a clock value: " + text);
        }
        try {
            return new Hlc(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a clock value: " + text, e);
        }
    }

    @Override
    public String toString() {
        return encode();
    }
}

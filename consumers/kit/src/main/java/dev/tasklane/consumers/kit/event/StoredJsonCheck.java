package dev.tasklane.consumers.kit.event;

/**
 * Checks the bytes of an event's data object, kept as received ({@link TaskEvent#dataJson()}),
 * for what the JSON parser lets pass without decoding but a store of that text cannot take:
 * <ul>
 *   <li>bytes that are not UTF-8 (RFC 3629: no overlong forms, no encoded surrogates, nothing
 *       above U+10FFFF) — the parser skips the strings no consumer reads without decoding them;</li>
 *   <li>a {@code \u0000} escape or a surrogate escape without its pair — valid JSON syntax, but
 *       PostgreSQL (like the sync server's {@code jsonb}) refuses to read such a string, so the
 *       audit log's history of that task could not be read back.</li>
 * </ul>
 * Both make the event malformed: it is dead-lettered, visibly, instead of stored unreadable. The
 * sync server never produces either (its task state is {@code jsonb}).
 */
final class StoredJsonCheck {

    private StoredJsonCheck() {
    }

    /** What is wrong with {@code json[from, to)}, or {@code null} when nothing is. */
    static String problem(byte[] json, int from, int to) {
        int i = from;
        boolean pendingHigh = false; // after a high-surrogate escape, which must be followed at once by a low one
        while (i < to) {
            int b = json[i] & 0xFF;
            if (b < 0x80) {
                if (b == '\\') {
                    if (i + 1 >= to) {
                        return "a backslash at the end";
                    }
                    if (json[i + 1] != 'u') {
                        if (pendingHigh) {
                            return "a high surrogate escape without its low surrogate";
                        }
                        i += 2;
                        continue;
                    }
                    int unit = hex4(json, i + 2, to);
                    if (unit < 0) {
                        return "a \\u escape without four hex digits";
                    }
                    if (unit == 0) {
                        return "a \\u0000 escape";
                    }
                    boolean high = unit >= 0xD800 && unit <= 0xDBFF;
                    boolean low = unit >= 0xDC00 && unit <= 0xDFFF;
                    if (pendingHigh != low) {
                        return "a surrogate escape without its pair";
                    }
                    i += 6;
                    pendingHigh = high;
                    continue;
                }
                if (pendingHigh) {
                    return "a high surrogate escape without its low surrogate";
                }
                i++;
                continue;
            }
            if (pendingHigh) {
                return "a high surrogate escape without its low surrogate";
            }
            int length = sequenceLength(json, i, to);
            if (length < 0) {
                return "bytes that are not UTF-8 at offset " + (i - from);
            }
            i += length;
        }
        return pendingHigh ? "a high surrogate escape without its low surrogate" : null;
    }

    /** The length of the well-formed multi-byte UTF-8 sequence at {@code i} (RFC 3629, table 3-7 of Unicode), or -1. */
    private static int sequenceLength(byte[] bytes, int i, int to) {
        int b = bytes[i] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            if (b == 0xE0) {
                secondMin = 0xA0; // no overlong forms
            } else if (b == 0xED) {
                secondMax = 0x9F; // no encoded surrogates
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            if (b == 0xF0) {
                secondMin = 0x90;
            } else if (b == 0xF4) {
                secondMax = 0x8F; // nothing above U+10FFFF
            }
        } else {
            return -1;
        }
        if (i + length > to) {
            return -1;
        }
        int second = bytes[i + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            return -1;
        }
        for (int k = 2; k < length; k++) {
            int next = bytes[i + k] & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                return -1;
            }
        }
        return length;
    }

    private static int hex4(byte[] bytes, int from, int to) {
        if (from + 4 > to) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(bytes[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}

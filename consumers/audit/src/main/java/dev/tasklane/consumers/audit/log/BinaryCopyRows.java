package dev.tasklane.consumers.audit.log;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary {@code COPY} format (the "Binary Format" section of the COPY
 * reference): a fixed header, then per row a field count and each field as a 32-bit length and
 * its bytes (length -1 is NULL), then a trailer. Each value is in its type's binary wire form, so
 * PostgreSQL neither parses text nor unescapes anything.
 *
 * <p>Only the types the audit log writes: {@code text}, {@code uuid} and {@code timestamptz}.
 */
final class BinaryCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Seconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private final Buffer out;
    private boolean finished;

    BinaryCopyRows(int expectedBytes) {
        out = new Buffer(expectedBytes);
        out.write(SIGNATURE, 0, SIGNATURE.length);
        out.int32(0); // flags: no OIDs
        out.int32(0); // no header extension
    }

    /** Starts a row of {@code fields} values; exactly that many field calls must follow. */
    BinaryCopyRows row(int fields) {
        out.int16(fields);
        return this;
    }

    BinaryCopyRows text(String value) {
        return value == null ? nullValue() : text(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A text value already encoded as UTF-8 (the event's data, kept as the bytes it arrived as). */
    BinaryCopyRows text(byte[] utf8) {
        out.int32(utf8.length);
        out.write(utf8, 0, utf8.length);
        return this;
    }

    BinaryCopyRows uuid(UUID value) {
        out.int32(16);
        out.int64(value.getMostSignificantBits());
        out.int64(value.getLeastSignificantBits());
        return this;
    }

    /** Microseconds since 2000-01-01 UTC, rounded to the nearest as PostgreSQL's own text input does. */
    BinaryCopyRows timestamptz(Instant value) {
        out.int32(8);
        // Exact: a time beyond ±292,000 years fails here instead of wrapping into a wrong one.
        out.int64(Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                (value.getNano() + 500) / 1_000));
        return this;
    }

    BinaryCopyRows nullValue() {
        out.int32(-1);
        return this;
    }

    /**
     * Ends the stream (the trailer) and hands it to {@code sink} in pieces of at most
     * {@code chunk} bytes — each becomes one CopyData message, so no message nears PostgreSQL's
     * 1 GB limit however large the batch — without copying it first.
     */
    <E extends Exception> void finish(int chunk, Chunks<E> sink) throws E {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1 byte, not " + chunk);
        }
        if (finished) {
            throw new IllegalStateException("the rows were already finished");
        }
        finished = true;
        out.int16(-1);
        for (int from = 0; from < out.size(); from += chunk) {
            sink.accept(out.array(), from, Math.min(chunk, out.size() - from));
        }
    }

    /** Where {@link #finish} sends the stream. */
    @FunctionalInterface
    interface Chunks<E extends Exception> {
        void accept(byte[] bytes, int offset, int length) throws E;
    }

    /** Big-endian integers straight into the byte array, without DataOutputStream's per-byte calls. */
    private static final class Buffer extends ByteArrayOutputStream {

        Buffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }

        void int16(int value) {
            bigEndian(value, 2);
        }

        void int32(int value) {
            bigEndian(value, 4);
        }

        void int64(long value) {
            bigEndian(value, 8);
        }

        private void bigEndian(long value, int bytes) {
            ensure(bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                buf[count++] = (byte) (value >>> shift);
            }
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }
    }
}

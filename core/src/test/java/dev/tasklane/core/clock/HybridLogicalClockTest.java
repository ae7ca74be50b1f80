package dev.tasklane.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridLogicalClockTest {

    private final AtomicLong wall = new AtomicLong(1_000);
    private final InstantSource source = () -> Instant.ofEpochMilli(wall.get());

    @Test
    void ticksFollowWallTimeWhenItAdvances() {
        HybridLogicalClock clock = new HybridLogicalClock(source, "a");
        Hlc first = clock.tick();
        wall.set(2_000);
        assertThat(clock.tick()).isEqualTo(new Hlc(2_000, 0, "a"));
        assertThat(first).isEqualTo(new Hlc(1_000, 0, "a"));
    }

    @Test
    void ticksStayStrictlyIncreasingWhenWallClockStallsOrGoesBack() {
        HybridLogicalClock clock = new HybridLogicalClock(source, "a");
        Hlc first = clock.tick();
        Hlc second = clock.tick();
        wall.set(500);
        Hlc third = clock.tick();
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second).isEqualTo(new Hlc(1_000, 2, "a"));
    }

    @Test
    void observingARemoteClockAheadMakesTheNextTickLater() {
        HybridLogicalClock clock = new HybridLogicalClock(source, "a");
        Hlc remote = new Hlc(5_000, 7, "b");
        clock.observe(remote);
        assertThat(clock.tick()).isEqualTo(new Hlc(5_000, 8, "a")).isGreaterThan(remote);
    }

    @Test
    void encodingSortsLikeTheClockAndRoundTrips() {
        Hlc small = new Hlc(999, 5, "z");
        Hlc large = new Hlc(1_000, 0, "a");
        assertThat(small.encode().compareTo(large.encode())).isNegative();
        assertThat(Hlc.parse(large.encode())).isEqualTo(large);
    }

    @Test
    void parseRejectsTextThatIsNotAClock() {
        assertThatThrownBy(() -> Hlc.parse("yesterday")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a clock value");
    }

    @Test
    void aBulkImportInOneMillisecondBorrowsTheNextMillisecondInsteadOfOverflowing() {
        HybridLogicalClock clock = new HybridLogicalClock(source, "a");
        Hlc previous = clock.tick();
        for (int i = 0; i < 250_000; i++) {
            Hlc next = clock.tick();
            assertThat(next.isAfter(previous)).isTrue();
            previous = next;
        }
        assertThat(previous.wallMillis()).isEqualTo(1_002);
    }
}

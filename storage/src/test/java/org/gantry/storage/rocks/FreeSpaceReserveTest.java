package org.gantry.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FreeSpaceReserveTest {
    private final AtomicLong usable = new AtomicLong(1_000);
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong looks = new AtomicLong();
    private final FreeSpaceReserve reserve = new FreeSpaceReserve(100, () -> {
        looks.incrementAndGet();
        return usable.get();
    }, clock::get);

    @Test
    void writesAreRefusedWhileTheReserveIsShortAndTakenAgainOnceSpaceReturns() {
        assertThat(reserve.shortage()).isNull();

        usable.set(99);
        clock.addAndGet(FreeSpaceReserve.RECHECK_NANOS);
        assertThat(reserve.shortage()).contains("no space left on device", "gantry.storage.min-free-space");

        usable.set(100);
        clock.addAndGet(FreeSpaceReserve.RECHECK_NANOS);
        assertThat(reserve.shortage()).isNull();
    }

    @Test
    void theDiskIsAskedAtMostOncePerRecheckInterval() {
        reserve.shortage();
        usable.set(0);
        clock.addAndGet(FreeSpaceReserve.RECHECK_NANOS - 1);
        assertThat(reserve.shortage()).as("the last look still stands").isNull();
        assertThat(looks).hasValue(1);

        clock.addAndGet(1);
        assertThat(reserve.shortage()).isNotNull();
        assertThat(looks).hasValue(2);
    }

    @Test
    void aReserveOfZeroNeverAsksTheDisk() {
        var none = new FreeSpaceReserve(0, () -> {
            looks.incrementAndGet();
            return 0;
        }, clock::get);
        assertThat(none.shortage()).isNull();
        assertThat(looks).hasValue(0);
    }
}

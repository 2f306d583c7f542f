package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;

class PendingCountsTest {
    private static final TenantId A = TenantId.of("a");
    private static final TenantId B = TenantId.of("b");

    @Test
    void tenantsReachAndLeaveTheCapAndEachCrossingIsToldOnce() {
        PendingCounts counts = new PendingCounts();
        counts.add(A);
        counts.add(A);
        counts.cap(2);
        assertThat(counts.atCap()).containsExactly(A);
        assertThat(counts.takeCapCrossed()).isTrue();
        assertThat(counts.takeCapCrossed()).isFalse();

        counts.add(A); // over the cap already (the cap is checked before a submit, not enforced here)
        counts.add(B);
        assertThat(counts.takeCapCrossed()).isFalse();
        counts.remove(A);
        assertThat(counts.atCap()).containsExactly(A);
        counts.remove(A);
        assertThat(counts.atCap()).isEmpty();
        assertThat(counts.takeCapCrossed()).isTrue();
        counts.add(B);
        assertThat(counts.atCap()).containsExactly(B);
        assertThat(counts.of(B)).isEqualTo(2);
        counts.remove(B);
        counts.remove(B);
        assertThat(counts.of(B)).isZero();
        counts.remove(B); // not waiting: nothing to take away
        assertThat(counts.of(B)).isZero();
    }
}

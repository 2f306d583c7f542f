package org.gantry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Instant FIRST = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant SECOND_REPORT = FIRST.plusSeconds(2);

    @Test
    void aNodeThatNeverHeldALeaseIsNotFenced() {
        Lease lease = new Lease();
        assertThat(lease.allowsWork(0)).isTrue();
        assertThat(lease.lapsed(Long.MAX_VALUE)).isFalse();
        assertThat(lease.remaining(0)).isZero();
    }

    @Test
    void theLeaseRunsFromTheReportsSendNotFromTheRenewalsArrival() {
        Lease lease = new Lease();
        lease.sent(FIRST, 100 * SECOND);
        assertThat(lease.renewed(FIRST, Duration.ofSeconds(10), Duration.ofSeconds(3), 0)).isTrue();
        assertThat(lease.allowsWork(109 * SECOND)).isTrue();
        assertThat(lease.remaining(104 * SECOND)).isEqualTo(Duration.ofSeconds(6));
        assertThat(lease.lapsed(110 * SECOND)).isTrue();
        assertThat(lease.grace()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void itKnowsHowLongTheControlPlaneWasSilent() {
        Lease lease = new Lease();
        assertThat(lease.sinceLastRenewal(5 * SECOND)).isZero();
        lease.sent(FIRST, 100 * SECOND);
        lease.renewed(FIRST, Duration.ofSeconds(10), Duration.ZERO, 101 * SECOND);
        assertThat(lease.sinceLastRenewal(108 * SECOND)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aLateRenewalOfAnOlderReportNeverShortensIt() {
        Lease lease = new Lease();
        lease.sent(FIRST, 100 * SECOND);
        lease.sent(SECOND_REPORT, 102 * SECOND);
        assertThat(lease.renewed(SECOND_REPORT, Duration.ofSeconds(10), Duration.ZERO, 0)).isTrue();
        assertThat(lease.renewed(FIRST, Duration.ofSeconds(10), Duration.ZERO, 0)).isFalse();
        assertThat(lease.allowsWork(111 * SECOND)).isTrue();
        assertThat(lease.lapsed(112 * SECOND)).isTrue();
    }

    @Test
    void aRenewalOfAReportThisNodeNeverSentGrantsNothing() {
        Lease lease = new Lease();
        assertThat(lease.renewed(FIRST, Duration.ofSeconds(10), Duration.ZERO, 0)).isFalse();
        assertThat(lease.everHeld()).isFalse();
        lease.sent(FIRST, 100 * SECOND);
        assertThat(lease.renewed(FIRST.plusMillis(1), Duration.ofSeconds(10), Duration.ZERO, 0)).isFalse();
        assertThat(lease.renewed(null, Duration.ofSeconds(10), Duration.ZERO, 0)).isFalse();
    }

    @Test
    void onlyTheNewestReportsAreRemembered() {
        Lease lease = new Lease();
        for (int i = 0; i < 100; i++) {
            lease.sent(FIRST.plusSeconds(i), i * SECOND);
        }
        assertThat(lease.renewed(FIRST, Duration.ofSeconds(10), Duration.ZERO, 0)).isFalse();
        assertThat(lease.renewed(FIRST.plusSeconds(99), Duration.ofSeconds(10), Duration.ZERO, 0)).isTrue();
    }
}

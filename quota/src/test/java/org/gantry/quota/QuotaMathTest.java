package org.gantry.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.Admission.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class QuotaMathTest {
    private static final int UNLIMITED = PoolQuota.UNLIMITED;

    static Stream<Arguments> admittedCases() {
        return Stream.of(
                // guaranteed, limit, used, request, preemptible, borrowable, expected
                Arguments.of("well within the guarantee", 4, 8, 0, 2, true, 0L, new Admission.Guaranteed()),
                Arguments.of("exactly fills the guarantee", 4, 8, 2, 2, true, 0L, new Admission.Guaranteed()),
                Arguments.of("non-preemptible within the guarantee", 4, 8, 1, 3, false, 0L, new Admission.Guaranteed()),
                Arguments.of("straddles the guarantee: 3 held, 3 more, guarantee 4", 4, 8, 3, 3, true, 8L,
                        new Admission.Borrowing(2)),
                Arguments.of("already above the guarantee: all of it is borrowed", 4, 8, 5, 2, true, 8L,
                        new Admission.Borrowing(2)),
                Arguments.of("reaches the limit exactly", 4, 8, 5, 3, true, 8L, new Admission.Borrowing(3)),
                Arguments.of("borrows exactly the borrowable GPUs", 4, 8, 4, 3, true, 3L, new Admission.Borrowing(3)),
                Arguments.of("no guarantee: everything is borrowed", 0, 8, 0, 5, true, 5L, new Admission.Borrowing(5)),
                Arguments.of("single GPU straddle", 2, 3, 2, 1, true, 1L, new Admission.Borrowing(1)),
                Arguments.of("unlimited quota is always guaranteed", UNLIMITED, UNLIMITED, 1_000, 4_000, false, 0L,
                        new Admission.Guaranteed()),
                Arguments.of("unlimited limit, guarantee 0", 0, UNLIMITED, 10, 4, true, 100L,
                        new Admission.Borrowing(4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("admittedCases")
    void admits(String why, int guaranteed, int limit, int used, int request, boolean preemptible, long borrowable,
                Admission expected) {
        Admission admission = QuotaMath.admit(new PoolQuota(guaranteed, limit), used, request, preemptible, borrowable);

        assertThat(admission).isEqualTo(expected);
        assertThat(admission.admitted()).isTrue();
    }

    static Stream<Arguments> refusedCases() {
        return Stream.of(
                Arguments.of("no quota at all", 0, 0, 0, 1, true, 100L, Refusal.NO_QUOTA,
                        "tenant has no quota in this pool"),
                Arguments.of("no quota beats everything else", 0, 0, 5, 9, false, 0L, Refusal.NO_QUOTA,
                        "tenant has no quota in this pool"),
                Arguments.of("larger than the limit alone", 4, 8, 0, 9, true, 100L, Refusal.LARGER_THAN_LIMIT,
                        "asks 9 GPUs, more than the tenant's limit of 8"),
                Arguments.of("larger than limit is reported before above limit", 4, 8, 7, 9, true, 100L,
                        Refusal.LARGER_THAN_LIMIT, "asks 9 GPUs, more than the tenant's limit of 8"),
                Arguments.of("would take the tenant above its limit", 4, 8, 6, 3, true, 100L, Refusal.ABOVE_LIMIT,
                        "tenant holds 6 GPUs; 3 more would exceed its limit of 8"),
                Arguments.of("above limit is reported before not-preemptible", 4, 8, 6, 3, false, 100L,
                        Refusal.ABOVE_LIMIT, "tenant holds 6 GPUs; 3 more would exceed its limit of 8"),
                Arguments.of("limit equal to guarantee, one over", 4, 4, 4, 1, true, 100L, Refusal.ABOVE_LIMIT,
                        "tenant holds 4 GPUs; 1 more would exceed its limit of 4"),
                Arguments.of("non-preemptible job straddling the guarantee", 4, 8, 3, 3, false, 100L,
                        Refusal.NOT_PREEMPTIBLE, "would borrow 2 GPUs above the guarantee of 4, and a "
                                + "non-preemptible job runs only within the guarantee"),
                Arguments.of("not-preemptible is reported before no idle capacity", 4, 8, 3, 3, false, 0L,
                        Refusal.NOT_PREEMPTIBLE, "would borrow 2 GPUs above the guarantee of 4, and a "
                                + "non-preemptible job runs only within the guarantee"),
                Arguments.of("no idle capacity: wants 2, only 1 idle", 4, 8, 3, 3, true, 1L,
                        Refusal.NO_IDLE_CAPACITY, "would borrow 2 GPUs above the guarantee of 4, but only 1 GPUs "
                                + "of the pool are idle"),
                Arguments.of("no idle capacity: negative borrowable prints as 0", 0, 8, 0, 1, true, -3L,
                        Refusal.NO_IDLE_CAPACITY, "would borrow 1 GPUs above the guarantee of 0, but only 0 GPUs "
                                + "of the pool are idle"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCases")
    void refuses(String why, int guaranteed, int limit, int used, int request, boolean preemptible, long borrowable,
                 Refusal refusal, String message) {
        Admission admission = QuotaMath.admit(new PoolQuota(guaranteed, limit), used, request, preemptible, borrowable);

        assertThat(admission).isEqualTo(new Admission.Refused(refusal, message));
        assertThat(admission.admitted()).isFalse();
    }

    @ParameterizedTest(name = "quota ({0},{1}) used {2}: guaranteed {3}, borrowed {4}")
    @CsvSource({
            "4, 8, 0, 0, 0",
            "4, 8, 3, 3, 0",
            "4, 8, 4, 4, 0",
            "4, 8, 6, 4, 2",
            "4, 8, 8, 4, 4",
            "0, 8, 5, 0, 5",
            "0, 0, 0, 0, 0",
            // usage above the limit (quota lowered while jobs run): the excess is borrowed
            "2, 4, 7, 2, 5",
            "2147483647, 2147483647, 1000, 1000, 0",
    })
    void splitsUsageIntoGuaranteedAndBorrowed(int guaranteed, int limit, int used, int guaranteedPart,
                                              int borrowedPart) {
        var quota = new PoolQuota(guaranteed, limit);

        assertThat(QuotaMath.guaranteedPart(quota, used)).isEqualTo(guaranteedPart);
        assertThat(QuotaMath.borrowedPart(quota, used)).isEqualTo(borrowedPart);
        assertThat(guaranteedPart + borrowedPart).isEqualTo(used);
    }

    @ParameterizedTest(name = "guarantee {0}, used {1}, demand {2}: owed {3}")
    @CsvSource({
            // demand = held + waiting
            "4, 0, 0, 0",
            "4, 0, 2, 2",
            "4, 0, 6, 4",
            "4, 1, 6, 3",
            "4, 4, 10, 0",
            "4, 6, 10, 0",
            "4, 2, 2, 0",
            "0, 0, 8, 0",
            "8, 3, 5, 2",
    })
    void unmetGuaranteeIsGuaranteedDemandNotYetHeld(int guaranteed, int used, long demand, long owed) {
        assertThat(QuotaMath.unmetGuarantee(new PoolQuota(guaranteed, 16), used, demand)).isEqualTo(owed);
    }

    @Test
    void unmetGuaranteeOfUnlimitedQuotaIsTheWholeWaitingDemand() {
        var unlimited = new PoolQuota(UNLIMITED, UNLIMITED);

        assertThat(QuotaMath.unmetGuarantee(unlimited, 3, 10)).isEqualTo(7);
    }
}

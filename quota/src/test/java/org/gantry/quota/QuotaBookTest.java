package org.gantry.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuotaBookTest {
    private static final PoolId A100 = PoolId.of("a100");
    private static final PoolId H100 = PoolId.of("h100");
    private static final PoolId SPARE = PoolId.of("spare");
    private static final TenantPool VISION_A100 = new TenantPool(TenantId.of("vision"), A100);
    private static final TenantPool SPEECH_A100 = new TenantPool(TenantId.of("speech"), A100);
    private static final TenantPool VISION_H100 = new TenantPool(TenantId.of("vision"), H100);
    private static final TenantPool SPEECH_H100 = new TenantPool(TenantId.of("speech"), H100);

    private static final QuotaBook BOOK = QuotaBook.of(Map.of(
            VISION_A100, new PoolQuota(6, 10),
            SPEECH_A100, new PoolQuota(4, 8),
            VISION_H100, new PoolQuota(8, 8)));

    static Stream<Arguments> lookups() {
        var unlimited = new PoolQuota(PoolQuota.UNLIMITED, PoolQuota.UNLIMITED);
        return Stream.of(
                Arguments.of("granted", BOOK, VISION_A100, new PoolQuota(6, 10)),
                Arguments.of("granted, other tenant", BOOK, SPEECH_A100, new PoolQuota(4, 8)),
                Arguments.of("not granted: fallback NONE", BOOK, SPEECH_H100, PoolQuota.NONE),
                Arguments.of("unknown pool: fallback NONE", BOOK, new TenantPool(TenantId.of("vision"), SPARE),
                        PoolQuota.NONE),
                Arguments.of("quotas off: unlimited", QuotaBook.unlimited(), SPEECH_H100, unlimited),
                Arguments.of("quotas off, granted later: the grant wins",
                        QuotaBook.unlimited().with(SPEECH_H100, new PoolQuota(1, 2)), SPEECH_H100, new PoolQuota(1, 2)),
                Arguments.of("quotas off, granted later: others stay unlimited",
                        QuotaBook.unlimited().with(SPEECH_H100, new PoolQuota(1, 2)), VISION_A100, unlimited));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void looksUpQuotaWithFallback(String why, QuotaBook book, TenantPool tenantPool, PoolQuota expected) {
        assertThat(book.quota(tenantPool)).isEqualTo(expected);
    }

    @Test
    void noneFallbackRefusesEveryJobWhileUnlimitedAdmitsAnyAsGuaranteed() {
        PoolQuota none = BOOK.quota(SPEECH_H100);
        PoolQuota unlimited = QuotaBook.unlimited().quota(SPEECH_H100);

        assertThat(QuotaMath.admit(none, 0, 1, true, 100))
                .isEqualTo(new Admission.Refused(Admission.Refusal.NO_QUOTA, "tenant has no quota in this pool"));
        assertThat(QuotaMath.admit(unlimited, 5_000, 4_096, false, 0)).isEqualTo(new Admission.Guaranteed());
    }

    @Test
    void withReturnsACopyAndLeavesTheOriginalAlone() {
        QuotaBook changed = BOOK.with(SPEECH_H100, new PoolQuota(2, 4)).with(VISION_A100, new PoolQuota(1, 1));

        assertThat(changed.quota(SPEECH_H100)).isEqualTo(new PoolQuota(2, 4));
        assertThat(changed.quota(VISION_A100)).isEqualTo(new PoolQuota(1, 1));
        assertThat(BOOK.quota(SPEECH_H100)).isEqualTo(PoolQuota.NONE);
        assertThat(BOOK.quota(VISION_A100)).isEqualTo(new PoolQuota(6, 10));
        assertThat(changed.granted()).hasSize(4);
        assertThat(BOOK.granted()).hasSize(3);
        assertThat(changed).isNotEqualTo(BOOK);
        assertThat(BOOK.with(VISION_A100, new PoolQuota(6, 10))).isEqualTo(BOOK).hasSameHashCodeAs(BOOK);
    }

    @Test
    void booksWithTheSameGrantsDifferByFallback() {
        assertThat(QuotaBook.of(Map.of())).isNotEqualTo(QuotaBook.unlimited());
        assertThat(QuotaBook.of(Map.of())).isEqualTo(QuotaBook.of(Map.of()));
    }

    @Test
    void poolsAreSortedAndGuaranteesSummedPerPool() {
        assertThat(BOOK.pools()).containsExactly(A100, H100);
        assertThat(BOOK.guaranteedIn(A100)).isEqualTo(10);
        assertThat(BOOK.guaranteedIn(H100)).isEqualTo(8);
        assertThat(BOOK.guaranteedIn(SPARE)).isZero();
        assertThat(QuotaBook.unlimited().pools()).isEmpty();
    }

    @Test
    void guaranteesOfUnlimitedTenantsSumWithoutOverflow() {
        var unlimited = new PoolQuota(PoolQuota.UNLIMITED, PoolQuota.UNLIMITED);
        QuotaBook book = QuotaBook.of(Map.of(VISION_A100, unlimited, SPEECH_A100, unlimited));

        assertThat(book.guaranteedIn(A100)).isEqualTo(2L * PoolQuota.UNLIMITED);
    }

    static Stream<Arguments> overcommitments() {
        return Stream.of(
                Arguments.of("a100 guarantees 10 of 8, h100 8 of 8", Map.of(A100, 8, H100, 8),
                        List.of(new Overcommitment(A100, 10, 8))),
                Arguments.of("enough everywhere", Map.of(A100, 10, H100, 16), List.of()),
                Arguments.of("pool without capacity counts as 0 GPUs", Map.of(A100, 16),
                        List.of(new Overcommitment(H100, 8, 0))),
                Arguments.of("both short, in pool order", Map.of(A100, 9, H100, 7),
                        List.of(new Overcommitment(A100, 10, 9), new Overcommitment(H100, 8, 7))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overcommitments")
    void reportsOvercommittedPools(String why, Map<PoolId, Integer> capacity, List<Overcommitment> expected) {
        assertThat(QuotaMath.overcommitted(capacity, BOOK)).containsExactlyElementsOf(expected);
    }

    @Test
    void overcommitmentMessageGivesTheNumbers() {
        assertThat(QuotaMath.overcommitted(Map.of(A100, 8, H100, 8), BOOK))
                .extracting(Overcommitment::message)
                .containsExactly("pool 'a100' guarantees 10 GPUs to its tenants but has 8: when all claim their "
                        + "guarantee, 2 GPUs' worth will wait");
    }

    @Test
    void unlimitedBookIsNeverOvercommitted() {
        assertThat(QuotaMath.overcommitted(Map.of(A100, 0), QuotaBook.unlimited())).isEmpty();
    }
}

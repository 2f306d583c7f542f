package org.gantry.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageLedgerTest {
    private static final PoolId POOL = PoolId.of("a100");
    private static final TenantPool VISION = new TenantPool(TenantId.of("vision"), POOL);
    private static final TenantPool SPEECH = new TenantPool(TenantId.of("speech"), POOL);

    @Test
    void emptyLedgerHoldsNothing() {
        assertThat(UsageLedger.empty().used(VISION)).isZero();
        assertThat(UsageLedger.empty().asMap()).isEmpty();
        assertThat(UsageLedger.of(Map.of())).isEqualTo(UsageLedger.empty());
    }

    @Test
    void zeroEntriesAreDroppedSoLedgersCompareByWhatIsHeld() {
        UsageLedger ledger = UsageLedger.of(Map.of(VISION, 3, SPEECH, 0));

        assertThat(ledger.asMap()).containsExactly(Map.entry(VISION, 3));
        assertThat(ledger).isEqualTo(UsageLedger.of(Map.of(VISION, 3))).hasSameHashCodeAs(UsageLedger.of(Map.of(VISION, 3)));
    }

    @Test
    void negativeUsageIsRejected() {
        assertThatThrownBy(() -> UsageLedger.of(Map.of(VISION, -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vision@a100 cannot hold -1 GPUs");
        assertThatThrownBy(() -> UsageLedger.of(Map.of(VISION, 2)).plus(VISION, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vision@a100 cannot hold -1 GPUs");
    }

    @ParameterizedTest(name = "{0} plus {1} -> {2}")
    @CsvSource({
            "0, 4, 4",
            "4, 2, 6",
            "6, -2, 4",
            "4, -4, 0",
            "4, 0, 4",
    })
    void plusAddsAndReturnsACopy(int before, int delta, int after) {
        UsageLedger ledger = UsageLedger.of(Map.of(VISION, before, SPEECH, 1));

        UsageLedger changed = ledger.plus(VISION, delta);

        assertThat(changed.used(VISION)).isEqualTo(after);
        assertThat(changed.used(SPEECH)).isEqualTo(1);
        assertThat(ledger.used(VISION)).isEqualTo(before);
        assertThat(changed.asMap().containsKey(VISION)).isEqualTo(after != 0);
    }

    @ParameterizedTest(name = "quota ({0},{1}), used {2}: guaranteed {3}, borrowed {4}")
    @CsvSource({
            "4, 8, 0, 0, 0",
            "4, 8, 3, 3, 0",
            "4, 8, 4, 4, 0",
            "4, 8, 7, 4, 3",
            "0, 8, 5, 0, 5",
    })
    void splitsUsageWithTheBook(int guaranteed, int limit, int used, int guaranteedPart, int borrowedPart) {
        QuotaBook book = QuotaBook.of(Map.of(VISION, new PoolQuota(guaranteed, limit)));
        UsageLedger ledger = UsageLedger.of(Map.of(VISION, used));

        assertThat(ledger.guaranteed(VISION, book)).isEqualTo(guaranteedPart);
        assertThat(ledger.borrowed(VISION, book)).isEqualTo(borrowedPart);
    }

    @Test
    void withoutAGrantEverythingHeldIsBorrowedUnderNoneAndGuaranteedUnderUnlimited() {
        UsageLedger ledger = UsageLedger.of(Map.of(SPEECH, 5));
        QuotaBook production = QuotaBook.of(Map.of(VISION, new PoolQuota(4, 8)));

        assertThat(ledger.guaranteed(SPEECH, production)).isZero();
        assertThat(ledger.borrowed(SPEECH, production)).isEqualTo(5);
        assertThat(ledger.guaranteed(SPEECH, QuotaBook.unlimited())).isEqualTo(5);
        assertThat(ledger.borrowed(SPEECH, QuotaBook.unlimited())).isZero();
    }

    @Test
    void tenantPoolNeedsBothParts() {
        assertThatThrownBy(() -> new TenantPool(null, POOL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TenantPool(TenantId.of("vision"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(VISION).hasToString("vision@a100");
    }
}

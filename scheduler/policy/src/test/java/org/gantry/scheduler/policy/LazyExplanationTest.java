package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Explanations whose words are composed when read: values all the same, composed at most once. */
class LazyExplanationTest {
    @Test
    void wordsAreComposedOnlyWhenReadAndOnlyOnce() {
        var composed = new AtomicInteger();
        Explanation lazy = Explanation.of(PendingReason.QUOTA,
                () -> "tenant holds " + composed.incrementAndGet() + " GPUs");
        assertThat(composed).hasValue(0);
        assertThat(lazy.reason()).isEqualTo(PendingReason.QUOTA);
        assertThat(composed).as("the reason is known without the words").hasValue(0);
        assertThat(lazy.message()).isEqualTo("tenant holds 1 GPUs");
        assertThat(lazy.message()).isEqualTo("tenant holds 1 GPUs");
        assertThat(composed).hasValue(1);
    }

    @Test
    void aLazyExplanationEqualsTheEagerOneWithTheSameWords() {
        Explanation eager = Explanation.of(PendingReason.INSUFFICIENT_GPUS, "needs 8 GPUs");
        Explanation lazy = Explanation.of(PendingReason.INSUFFICIENT_GPUS, () -> "needs " + 8 + " GPUs");
        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager).hasToString(eager.toString());
        assertThat(lazy.startingAt(42)).isEqualTo(eager.startingAt(42)).isNotEqualTo(eager);
        assertThat(lazy).isNotEqualTo(Explanation.of(PendingReason.QUOTA, "needs 8 GPUs"))
                .isNotEqualTo(Explanation.of(PendingReason.INSUFFICIENT_GPUS, "needs 9 GPUs"));
    }

    @Test
    void aStartKeepsTheWordsUncomposedUntilRead() {
        var composed = new AtomicInteger();
        Explanation later = Explanation.of(PendingReason.RESERVED, () -> "reserved " + composed.incrementAndGet())
                .startingAt(100);
        assertThat(composed).hasValue(0);
        assertThat(later.estimatedStart()).hasValue(100);
        assertThat(later.message()).isEqualTo("reserved 1");
    }
}

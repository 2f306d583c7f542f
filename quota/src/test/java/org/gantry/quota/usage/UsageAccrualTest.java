package org.gantry.quota.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.junit.jupiter.api.Test;

class UsageAccrualTest {
    private static final TenantPool VISION = new TenantPool(new TenantId("vision"), new PoolId("default"));
    private static final TenantPool NLP = new TenantPool(new TenantId("nlp"), new PoolId("default"));
    private static final List<Long> MINUTES = List.of(60L);
    private static final long T0 = 1_800_000_000L; // a multiple of 60 and of 3600

    private static long ms(long second) {
        return second * 1000;
    }

    @Test
    void aJobSpanningBucketEdgesIsCutAtEachEdge() {
        // 4 GPUs from 00:30 to 02:15 past T0: 30 s, a whole minute, then 15 s.
        var accrued = UsageAccrual.accrue(Map.of(VISION, new Share(4, 0)), ms(T0 + 30), ms(T0 + 135), MINUTES);

        assertThat(accrued).containsOnly(
                Map.entry(new UsageBucket(VISION, 60, T0), new GpuTime(4 * 30_000, 0)),
                Map.entry(new UsageBucket(VISION, 60, T0 + 60), new GpuTime(4 * 60_000, 0)),
                Map.entry(new UsageBucket(VISION, 60, T0 + 120), new GpuTime(4 * 15_000, 0)));
    }

    @Test
    void eachWidthCountsTheWholeInterval() {
        var accrued = UsageAccrual.accrue(Map.of(VISION, new Share(1, 2)), ms(T0 + 3590), ms(T0 + 3610),
                List.of(60L, 3600L));

        assertThat(accrued).containsOnly(
                Map.entry(new UsageBucket(VISION, 60, T0 + 3540), new GpuTime(10_000, 20_000)),
                Map.entry(new UsageBucket(VISION, 60, T0 + 3600), new GpuTime(10_000, 20_000)),
                Map.entry(new UsageBucket(VISION, 3600, T0), new GpuTime(10_000, 20_000)),
                Map.entry(new UsageBucket(VISION, 3600, T0 + 3600), new GpuTime(10_000, 20_000)));
    }

    @Test
    void anEmptyIntervalOrANoneShareAccruesNothing() {
        assertThat(UsageAccrual.accrue(Map.of(VISION, new Share(4, 0)), ms(T0), ms(T0), MINUTES)).isEmpty();
        assertThat(UsageAccrual.accrue(Map.of(VISION, Share.NONE), ms(T0), ms(T0 + 60), MINUTES)).isEmpty();
    }

    @Test
    void usedAboveTheGuaranteeIsBorrowed() {
        assertThat(Share.of(new PoolQuota(4, 8), 6)).isEqualTo(new Share(4, 2));
        assertThat(Share.of(new PoolQuota(4, 8), 3)).isEqualTo(new Share(3, 0));
        assertThat(Share.of(new PoolQuota(0, 8), 3)).isEqualTo(new Share(0, 3));
    }

    @Test
    void theMeterSplitsGuaranteedAndBorrowedAsTheShareChanges() {
        QuotaBook book = QuotaBook.of(Map.of(VISION, new PoolQuota(4, 16), NLP, new PoolQuota(8, 8)));
        UsageMeter meter = new UsageMeter(ms(T0), MINUTES, bucket -> GpuTime.ZERO);

        meter.observe(ms(T0), Map.of(VISION, 2), book);          // 2 guaranteed for 10 s
        meter.observe(ms(T0 + 10), Map.of(VISION, 6, NLP, 8), book); // 4 guaranteed + 2 borrowed, nlp 8, for 20 s
        meter.observe(ms(T0 + 30), Map.of(), book);              // all done
        meter.observe(ms(T0 + 50), Map.of(), book);

        assertThat(meter.takeChanged(ms(T0 + 50))).containsExactlyInAnyOrder(
                new Accrued(new UsageBucket(VISION, 60, T0), new GpuTime(2 * 10_000 + 4 * 20_000, 2 * 20_000)),
                new Accrued(new UsageBucket(NLP, 60, T0), new GpuTime(8 * 20_000, 0)));
        assertThat(meter.takeChanged(ms(T0 + 55))).as("nothing changed since").isEmpty();
    }

    @Test
    void theMeterContinuesABucketFromItsStoredTotal() {
        QuotaBook book = QuotaBook.of(Map.of(VISION, new PoolQuota(4, 16)));
        GpuTime before = new GpuTime(100_000, 5_000);
        UsageMeter meter = new UsageMeter(ms(T0 + 40), MINUTES,
                bucket -> bucket.startSecond() == T0 ? before : GpuTime.ZERO);

        meter.observe(ms(T0 + 40), Map.of(VISION, 1), book);
        List<Accrued> first = meter.takeChanged(ms(T0 + 70));

        assertThat(first).containsExactlyInAnyOrder(
                new Accrued(new UsageBucket(VISION, 60, T0), before.plus(new GpuTime(20_000, 0))),
                new Accrued(new UsageBucket(VISION, 60, T0 + 60), new GpuTime(10_000, 0)));
        assertThat(meter.takeChanged(ms(T0 + 80))).containsExactly(
                new Accrued(new UsageBucket(VISION, 60, T0 + 60), new GpuTime(20_000, 0)));
    }

    @Test
    void aClockThatGoesBackAccruesNothingTwice() {
        QuotaBook book = QuotaBook.of(Map.of(VISION, new PoolQuota(4, 16)));
        UsageMeter meter = new UsageMeter(ms(T0), MINUTES, bucket -> GpuTime.ZERO);
        meter.observe(ms(T0), Map.of(VISION, 1), book);
        meter.observe(ms(T0 + 30), Map.of(VISION, 1), book);
        meter.observe(ms(T0 + 20), Map.of(VISION, 1), book);

        assertThat(meter.takeChanged(ms(T0 + 30))).containsExactly(
                new Accrued(new UsageBucket(VISION, 60, T0), new GpuTime(30_000, 0)));
    }

    @Test
    void seriesSumBucketsIntoStepsPerPool() {
        TenantPool gpuPool = new TenantPool(VISION.tenant(), new PoolId("a100"));
        List<Accrued> buckets = List.of(
                new Accrued(new UsageBucket(VISION, 60, T0), new GpuTime(60_000, 0)),
                new Accrued(new UsageBucket(VISION, 60, T0 + 60), new GpuTime(0, 60_000)),
                new Accrued(new UsageBucket(VISION, 60, T0 + 180), new GpuTime(30_000, 0)),
                new Accrued(new UsageBucket(gpuPool, 60, T0 + 240), new GpuTime(1_000, 0)),
                new Accrued(new UsageBucket(VISION, 60, T0 + 300), new GpuTime(99_000, 0))); // past the end

        var series = UsageSeries.of(buckets, T0, T0 + 300, 120);

        assertThat(series).extracting(s -> s.pool().value()).containsExactly("a100", "default");
        UsageSeries.PoolSeries vision = series.get(1);
        assertThat(vision.points()).containsExactly(
                new UsageSeries.Point(T0, new GpuTime(60_000, 60_000)),
                new UsageSeries.Point(T0 + 120, new GpuTime(30_000, 0)),
                new UsageSeries.Point(T0 + 240, GpuTime.ZERO));
        assertThat(vision.total()).isEqualTo(new GpuTime(90_000, 60_000));
        assertThat(vision.total().usedHours()).isEqualTo(150_000 / 3_600_000.0);
    }

    @Test
    void hourBucketsServeOnlyHourAlignedSteps() {
        assertThat(UsageSeries.widthFor(T0, 7200, List.of(60L, 3600L))).isEqualTo(3600L);
        assertThat(UsageSeries.widthFor(T0 + 60, 3600, List.of(60L, 3600L))).isEqualTo(60L);
        assertThat(UsageSeries.widthFor(T0, 900, List.of(60L, 3600L))).isEqualTo(60L);
        assertThat(UsageSeries.widthFor(T0, 90, List.of(60L, 3600L))).isNull();
    }
}

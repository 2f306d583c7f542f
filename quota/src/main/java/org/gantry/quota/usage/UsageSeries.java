package org.gantry.quota.usage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gantry.api.cluster.PoolId;

/** Stored buckets summed into the steps a reader asked for, per pool. */
public final class UsageSeries {
    private UsageSeries() {}

    /** One step: [startSecond, startSecond + step). */
    public record Point(long startSecond, GpuTime time) {}

    /** A pool's steps, every one from the first to the last (zero where nothing ran), and their sum. */
    public record PoolSeries(PoolId pool, GpuTime total, List<Point> points) {}

    /**
     * The widest of {@code widthsSeconds} whose buckets never straddle a step edge: it divides
     * both the step and the start. Null when none does (the caller must align the range).
     */
    public static Long widthFor(long fromSecond, long stepSeconds, Collection<Long> widthsSeconds) {
        Long best = null;
        for (long width : widthsSeconds) {
            if (stepSeconds % width == 0 && Math.floorMod(fromSecond, width) == 0 && (best == null || width > best)) {
                best = width;
            }
        }
        return best;
    }

    /**
     * The buckets (any tenant's; pools kept apart) that start in [{@code fromSecond}, {@code toSecond})
     * summed into steps of {@code stepSeconds} from {@code fromSecond}; a bucket counts in the step
     * its start falls in. Pools in which nothing accrued in the range are left out, sorted by name.
     */
    public static List<PoolSeries> of(Collection<Accrued> buckets, long fromSecond, long toSecond, long stepSeconds) {
        if (stepSeconds < 1 || toSecond <= fromSecond) {
            throw new IllegalArgumentException("steps of " + stepSeconds + " s over [" + fromSecond + ", " + toSecond + ")");
        }
        int steps = Math.toIntExact((toSecond - fromSecond + stepSeconds - 1) / stepSeconds);
        Map<String, GpuTime[]> byPool = new TreeMap<>();
        for (Accrued accrued : buckets) {
            long start = accrued.bucket().startSecond();
            if (start < fromSecond || start >= toSecond || accrued.time().isZero()) {
                continue;
            }
            GpuTime[] points = byPool.computeIfAbsent(accrued.bucket().owner().pool().value(), pool -> {
                GpuTime[] zeros = new GpuTime[steps];
                Arrays.fill(zeros, GpuTime.ZERO);
                return zeros;
            });
            int step = (int) ((start - fromSecond) / stepSeconds);
            points[step] = points[step].plus(accrued.time());
        }
        List<PoolSeries> series = new ArrayList<>();
        byPool.forEach((pool, points) -> {
            List<Point> list = new ArrayList<>(steps);
            GpuTime total = GpuTime.ZERO;
            for (int i = 0; i < steps; i++) {
                list.add(new Point(fromSecond + i * stepSeconds, points[i]));
                total = total.plus(points[i]);
            }
            series.add(new PoolSeries(new PoolId(pool), total, List.copyOf(list)));
        });
        return series;
    }
}

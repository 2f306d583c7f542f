package org.gantry.scheduler.bench;

import java.util.List;
import java.util.Random;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.PlacementConstraints;
import org.gantry.api.tenant.TenantId;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.PendingJob;

/**
 * Pending jobs shaped like Philly's (the bundled trace, {@link org.gantry.scheduler.sim.BundledTraces#PHILLY}): its mix of GPU counts,
 * durations log-uniform between a minute and a day, spread unevenly over a few tenants so that
 * some borrow and some are owed. One seeded {@link Random}, so a run can be repeated exactly.
 */
final class SyntheticJobs {
    /** GPU counts and their share of Philly's jobs, in percent (rarer odd sizes left out). */
    static final int[] SIZES = {1, 2, 4, 8, 16, 32, 64, 128};
    private static final double[] PERCENT = {93.2, 2.2, 2.3, 2.0, 0.24, 0.08, 0.01, 0.004};
    static final long MIN_SECONDS = 60;
    static final long MAX_SECONDS = 86_400;
    /** Share of the jobs each tenant submits; quotas split the cluster evenly, so the first ones borrow. */
    static final double[] TENANT_SHARES = {0.4, 0.3, 0.2, 0.1};
    static final List<TenantId> TENANTS = List.of(TenantId.of("tenant-a"), TenantId.of("tenant-b"),
            TenantId.of("tenant-c"), TenantId.of("tenant-d"));

    private final Random random;
    private final double[] cumulative = new double[SIZES.length];
    private final int largestJob;
    private long count;

    /** Jobs of up to {@code clusterGpus} GPUs: a larger one could never start, and would only measure that. */
    SyntheticJobs(long seed, int clusterGpus) {
        this.random = new Random(seed);
        double total = 0;
        for (int i = 0; i < SIZES.length; i++) {
            total += PERCENT[i];
            cumulative[i] = total;
        }
        int largest = 0;
        for (int size : SIZES) {
            if (size <= clusterGpus) {
                largest = size;
            }
        }
        if (largest == 0) {
            throw new IllegalArgumentException("the cluster needs at least one GPU");
        }
        this.largestJob = largest;
    }

    PendingJob next(long submittedAt) {
        int gpus = size();
        long seconds = Math.round(Math.exp(Math.log(MIN_SECONDS)
                + random.nextDouble() * (Math.log(MAX_SECONDS) - Math.log(MIN_SECONDS))));
        TenantPool owner = new TenantPool(tenant(), PoolId.DEFAULT);
        return new PendingJob(JobId.of("bench-" + count++), owner, GpuRequest.fixed(gpus),
                PlacementConstraints.EMPTY, submittedAt, seconds, 0, true, 0);
    }

    /** How many jobs were made so far. */
    long count() {
        return count;
    }

    private int size() {
        while (true) {
            double draw = random.nextDouble() * cumulative[cumulative.length - 1];
            for (int i = 0; i < SIZES.length; i++) {
                if (draw < cumulative[i]) {
                    if (SIZES[i] <= largestJob) {
                        return SIZES[i];
                    }
                    break; // too big for this cluster: draw again, keeping the mix of the sizes that fit
                }
            }
        }
    }

    private TenantId tenant() {
        double draw = random.nextDouble();
        for (int i = 0; i < TENANT_SHARES.length - 1; i++) {
            draw -= TENANT_SHARES[i];
            if (draw < 0) {
                return TENANTS.get(i);
            }
        }
        return TENANTS.get(TENANTS.size() - 1);
    }
}

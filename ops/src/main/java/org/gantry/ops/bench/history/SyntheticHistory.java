package org.gantry.ops.bench.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.ProcessWorkload;
import org.gantry.api.tenant.TenantId;
import org.gantry.ops.node.SimulatedFleet;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.StoredSpec;
import org.gantry.scheduler.control.service.JobIds;

/**
 * Jobs as a busy cluster leaves them, deterministic for a seed. Sizes and outcomes follow
 * Microsoft's Philly trace (Jeon et al., ATC '19): most jobs take one GPU, runtimes are
 * heavy-tailed around ten minutes, about 70% succeed. Finished jobs were submitted over the last
 * 90 days, the running ones in the day before the last hour, the pending ones in the last hour,
 * so {@code GET /jobs} lists the queue first, as it would on a real cluster.
 */
public final class SyntheticHistory {
    private static final Duration HISTORY = Duration.ofDays(90);
    private static final int[] GPU_SIZES = {1, 2, 4, 8, 16};
    private static final double[] GPU_SHARES = {0.75, 0.08, 0.09, 0.06, 0.02};
    private static final String BY = "admin";

    private final HistoryShape shape;
    private final Instant now;
    private final Random random;
    private final List<TenantId> tenants;

    public SyntheticHistory(HistoryShape shape, Instant now) {
        this.shape = shape;
        this.now = now;
        this.random = new Random(shape.seed());
        this.tenants = tenants(shape.tenants());
    }

    /** The tenants the jobs belong to: {@code default} (the one {@code gantry up} submits as), then team-2 … */
    public static List<TenantId> tenants(int count) {
        List<TenantId> tenants = new ArrayList<>(count);
        tenants.add(TenantId.of("default"));
        for (int i = 2; i <= count; i++) {
            tenants.add(TenantId.of("team-" + i));
        }
        return tenants;
    }

    /** The {@code index}-th finished job, oldest first over the last 90 days. */
    public JobLog finished(int index) {
        Instant submitted = spread(now.minus(HISTORY), now.minus(Duration.ofDays(1)), index, shape.finished());
        Instant scheduled = submitted.plusMillis(queueWaitMillis());
        Instant started = scheduled.plusMillis(500 + random.nextInt(4_000));
        Instant ended = started.plus(runtime());
        StoredSpec spec = spec(submitted, gpus());
        List<JobEvent> events = new ArrayList<>(List.of(new JobEvent.Submitted(spec, null, submitted),
                new JobEvent.Scheduled(1, allocation(spec.minGpus(), index), scheduled),
                new JobEvent.Started(1, started)));
        double outcome = random.nextDouble();
        if (outcome < 0.70) {
            events.add(new JobEvent.Finished(1, JobState.SUCCEEDED, 0, "completed with exit code 0", ended));
        } else if (outcome < 0.85) {
            int code = 1 + random.nextInt(2);
            events.add(new JobEvent.Finished(1, JobState.FAILED, code, "exit code " + code, ended));
        } else {
            events.add(new JobEvent.CancelRequested(BY, ended));
            events.add(new JobEvent.Finished(1, JobState.CANCELLED, null, "cancelled by " + BY,
                    ended.plusMillis(200 + random.nextInt(2_000))));
        }
        return new JobLog(id(submitted), events);
    }

    /** The {@code index}-th running job, placed on the nodes round-robin. */
    public JobLog running(int index) {
        Instant submitted = spread(now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(1)), index,
                shape.running());
        Instant scheduled = submitted.plusMillis(queueWaitMillis());
        StoredSpec spec = spec(submitted, gpus());
        return new JobLog(id(submitted), List.of(new JobEvent.Submitted(spec, null, submitted),
                new JobEvent.Scheduled(1, allocation(spec.minGpus(), index), scheduled),
                new JobEvent.Started(1, scheduled.plusMillis(1_000))));
    }

    /** The {@code index}-th pending job, submitted in the last hour. */
    public JobLog pending(int index) {
        Instant submitted = spread(now.minus(Duration.ofHours(1)), now.minusSeconds(1), index, shape.pending());
        return new JobLog(id(submitted), List.of(new JobEvent.Submitted(spec(submitted, gpus()), null, submitted)));
    }

    private static Instant spread(Instant from, Instant to, int index, int count) {
        long span = Duration.between(from, to).toMillis();
        return from.plusMillis(count <= 1 ? 0 : span * index / (count - 1));
    }

    /** Ids as the control plane makes them at submit time, with this generator's seeded random bits. */
    private JobId id(Instant submitted) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return JobIds.madeAt(submitted, bytes);
    }

    private StoredSpec spec(Instant submitted, int gpus) {
        TenantId tenant = tenants.get(random.nextInt(tenants.size()));
        return StoredSpec.of(JobSpec.builder("job-" + Long.toString(submitted.toEpochMilli() % 1_000_000, 36),
                        new GpuRequest(gpus, gpus), new ProcessWorkload(List.of("true"), Map.of(), Map.of(), null))
                .tenant(tenant)
                .build());
    }

    /** A Philly-like size, at most the cluster's GPUs so every job could run. */
    private int gpus() {
        double pick = random.nextDouble();
        int size = 1;
        for (int i = 0; i < GPU_SIZES.length && pick >= 0; i++) {
            pick -= GPU_SHARES[i];
            size = GPU_SIZES[i];
        }
        return Math.min(size, shape.nodes() * shape.gpusPerNode());
    }

    /** Log-normal around ten minutes, from ten seconds to a week. */
    private Duration runtime() {
        double seconds = Math.exp(Math.log(600) + 1.8 * random.nextGaussian());
        return Duration.ofMillis((long) (1000 * Math.max(10, Math.min(7 * 86_400, seconds))));
    }

    private long queueWaitMillis() {
        return (long) (-300_000 * Math.log(1 - random.nextDouble()));
    }

    /** {@code gpus} GPUs from node {@code index} mod N on, a whole node at a time for the big ones. */
    private Map<NodeId, List<Integer>> allocation(int gpus, int index) {
        Map<NodeId, List<Integer>> allocation = new LinkedHashMap<>();
        int node = index % shape.nodes();
        int first = gpus >= shape.gpusPerNode() ? 0 : (index * gpus) % shape.gpusPerNode() / gpus * gpus;
        for (int left = gpus; left > 0; node = (node + 1) % shape.nodes()) {
            int here = Math.min(left, shape.gpusPerNode() - first);
            List<Integer> indices = new ArrayList<>(here);
            for (int g = first; g < first + here; g++) {
                indices.add(g);
            }
            allocation.merge(nodeId(node), indices, (a, b) -> {
                List<Integer> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
            left -= here;
            first = 0;
        }
        return allocation;
    }

    private NodeId nodeId(int zeroBased) {
        return new NodeId(SimulatedFleet.nodeName(zeroBased + 1, shape.nodes()));
    }
}

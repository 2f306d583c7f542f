package org.gantry.scheduler.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.SchedulingPolicy;

/**
 * {@code gantry bench scheduler}: how fast the production policy code is at the scale Gantry
 * promises, on a synthetic cluster of N nodes × G GPUs with M jobs waiting (Philly's job sizes).
 * The caller keeps its state between passes the way the scheduler actor and the simulator do
 * ({@link BenchCluster}), so what is timed is the policy plus the cheap snapshot it gets.
 *
 * <ol>
 *   <li>warm-up: {@link #WARMUP_FILLS} fills of throwaway clusters of the same shape, so the fill
 *       below is timed on compiled code, as a scheduler that has run a while has it (the first,
 *       cold one is reported too);</li>
 *   <li>heap: used heap before and after the M jobs enter the queue structures, per job;</li>
 *   <li>fill: passes over the empty cluster until it is full (or nothing else fits, or the queue
 *       is empty); placements per second of snapshot + {@code plan()} + apply;</li>
 *   <li>incremental: the queue topped back up to M and the cluster settled full, then, over and
 *       over, one job finishes and one pass runs and is applied; snapshot + {@code plan()} is
 *       timed, after a warm-up, and the queue is topped up to M again (untimed). The clock starts
 *       past the minimum run time, so the running jobs are fair game for reclaim, as in steady state.</li>
 * </ol>
 */
public final class SchedulerBenchmark {
    /** Fills run before the timed one: the JIT compiles the fill path over the first one or two. */
    static final int WARMUP_FILLS = 2;
    /** Passes {@code --breakdown} shows, the slowest first. */
    static final int SLOWEST_SHOWN = 10;

    private final BenchConfig config;
    private final SchedulingPolicy policy;
    private final Consumer<String> progress;
    /** Hears every plan applied to the measured cluster, in order, outside the timed work. */
    private final Consumer<Plan> plans;

    /** {@code progress} hears one short line as each phase starts. */
    public SchedulerBenchmark(BenchConfig config, Consumer<String> progress) {
        this(config, progress, plan -> {});
    }

    /**
     * {@code plans} also hears every plan applied to the measured cluster (fill, settling, every
     * incremental pass), after its timing: what {@link PlanDigest} checks a change against.
     */
    public SchedulerBenchmark(BenchConfig config, Consumer<String> progress, Consumer<Plan> plans) {
        this.config = config;
        this.policy = Policies.named(config.policy());
        this.progress = progress;
        this.plans = plans;
    }

    public BenchResult run() {
        double coldPlacementsPerSecond = 0;
        for (int warmup = 0; warmup < WARMUP_FILLS; warmup++) {
            progress.accept(String.format("warm-up fill %d of %d", warmup + 1, WARMUP_FILLS));
            var throwaway = new BenchCluster(config.nodes(), config.gpusPerNode(), policy.order());
            throwaway.learnFrom(new SyntheticJobs(config.seed() - 1, throwaway.totalGpus()),
                    BenchCluster.LEARNED_AT_START);
            topUp(throwaway, new SyntheticJobs(config.seed() + 1 + warmup, throwaway.totalGpus()));
            Fill fill = fill(throwaway, plan -> {});
            if (warmup == 0) {
                coldPlacementsPerSecond = fill.perSecond();
            }
        }

        var cluster = new BenchCluster(config.nodes(), config.gpusPerNode(), policy.order());
        var jobs = new SyntheticJobs(config.seed(), cluster.totalGpus());
        cluster.learnFrom(new SyntheticJobs(config.seed() - 1, cluster.totalGpus()), BenchCluster.LEARNED_AT_START);

        progress.accept(String.format("heap: queueing %,d pending jobs", config.pending()));
        long heapBefore = HeapProbe.usedBytes();
        topUp(cluster, jobs);
        long heapAfter = HeapProbe.usedBytes();
        double heapPerJob = (double) Math.max(0, heapAfter - heapBefore) / config.pending();

        progress.accept(String.format("fill: placing into %,d empty GPUs (%s)", cluster.totalGpus(), policy.name()));
        Fill fill = fill(cluster, plans);
        int runningAfterFill = cluster.runningCount();
        int freeAfterFill = cluster.freeGpus();

        progress.accept(String.format("incremental: %,d warm-up + %,d timed passes, %,d pending",
                config.warmupPasses(), config.measuredPasses(), config.pending()));
        settle(cluster, jobs);
        // A cluster that has run a while holds mostly jobs past their minimum run time, which reclaim
        // and shrink may disturb; a clock left at the fill would hide that work from every pass.
        cluster.advanceTo(Policies.DEFAULT_MIN_RUN_SECONDS);
        var meter = new PassMeter();
        var stages = new TimedStages();
        SchedulingPolicy timed = config.breakdown() ? stages.wrap(policy) : policy;
        var samples = new PassSample[config.measuredPasses()];
        for (int pass = 0; pass < config.warmupPasses() + config.measuredPasses(); pass++) {
            cluster.finishNext();
            stages.reset();
            long gcBefore = meter.gcNanos();
            long cpuBefore = meter.cpuNanos();
            long allocatedBefore = meter.allocatedBytes();
            long start = System.nanoTime();
            Plan plan = timed.plan(cluster.snapshot());
            long elapsed = System.nanoTime() - start;
            long cpu = meter.cpuNanos() - cpuBefore;
            long allocated = meter.allocatedBytes() - allocatedBefore;
            long gc = meter.gcNanos() - gcBefore;
            plans.accept(plan);
            int placed = cluster.apply(plan);
            topUp(cluster, jobs);
            if (pass >= config.warmupPasses()) {
                int measured = pass - config.warmupPasses();
                samples[measured] = new PassSample(measured, elapsed, cpuBefore < 0 ? -1 : cpu,
                        allocatedBefore < 0 ? -1 : allocated, gc, placed, plan.preemptions().size(),
                        plan.explanations().size(), stages.roomNanos, stages.roomCalls, stages.canActNanos,
                        stages.canActCalls, stages.blockingNanos, stages.blockingCalls, stages.growNanos);
            }
        }
        long clockSeconds = cluster.now();
        long[] passNanos = Arrays.stream(samples).mapToLong(PassSample::wallNanos).sorted().toArray();
        long[] cpuNanos = Arrays.stream(samples).mapToLong(PassSample::cpuNanos).sorted().toArray();
        long measuredPlacements = Arrays.stream(samples).mapToLong(PassSample::placements).sum();
        // By CPU time: on a shared machine the wall clock ranks passes by when the thread lost its core.
        List<PassSample> slowest = !config.breakdown() ? List.of() : Arrays.stream(samples)
                .sorted(Comparator.comparingLong(PassSample::cpuNanos).thenComparingLong(PassSample::wallNanos)
                        .reversed())
                .limit(SLOWEST_SHOWN).toList();
        return new BenchResult(config.nodes(), config.gpusPerNode(), config.pending(), policy.name(), config.seed(),
                fill.placements(), fill.passes(), fill.seconds(), fill.perSecond(), coldPlacementsPerSecond,
                runningAfterFill, freeAfterFill, config.warmupPasses(), passNanos.length,
                Arrays.stream(passNanos).average().orElse(0) / 1e6, percentile(passNanos, 0.50) / 1e6,
                percentile(passNanos, 0.99) / 1e6, passNanos[passNanos.length - 1] / 1e6,
                percentile(cpuNanos, 0.50) / 1e6, percentile(cpuNanos, 0.99) / 1e6,
                Arrays.stream(samples).mapToLong(PassSample::allocatedBytes).average().orElse(0),
                (double) measuredPlacements / passNanos.length, clockSeconds, heapPerJob, Runtime.getRuntime().maxMemory(),
                slowest);
    }

    /** What filling an empty cluster took: snapshot + {@code plan()} + apply, over every pass. */
    private record Fill(long placements, int passes, double seconds) {
        double perSecond() {
            return seconds == 0 ? 0 : placements / seconds;
        }
    }

    /** Passes over the empty cluster until it is full, nothing else fits, or the queue is empty. */
    private Fill fill(BenchCluster cluster, Consumer<Plan> heard) {
        long nanos = 0;
        long placements = 0;
        int passes = 0;
        while (cluster.pendingCount() > 0 && cluster.freeGpus() > 0) {
            long start = System.nanoTime();
            Plan plan = policy.plan(cluster.snapshot());
            int placed = cluster.apply(plan);
            nanos += System.nanoTime() - start;
            heard.accept(plan);
            passes++;
            placements += placed;
            if (plan.isEmpty()) {
                break; // nothing else fits now: the rest waits for GPUs to be released
            }
        }
        return new Fill(placements, passes, nanos / 1e9);
    }

    /** New jobs arrive, submitted now, until M wait again. */
    private void topUp(BenchCluster cluster, SyntheticJobs jobs) {
        while (cluster.pendingCount() < config.pending()) {
            cluster.submit(jobs.next(cluster.now()));
        }
    }

    /** Passes (untimed) with the queue at M until one changes nothing: the cluster is as full as the policy makes it. */
    private void settle(BenchCluster cluster, SyntheticJobs jobs) {
        topUp(cluster, jobs);
        while (cluster.freeGpus() > 0) {
            Plan plan = policy.plan(cluster.snapshot());
            plans.accept(plan);
            cluster.apply(plan);
            topUp(cluster, jobs);
            if (plan.isEmpty()) {
                return;
            }
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

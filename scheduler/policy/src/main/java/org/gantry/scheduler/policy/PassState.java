package org.gantry.scheduler.policy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.admit.PassQuota;
import org.gantry.scheduler.policy.place.CapacityIndex;

/**
 * The working state of one scheduling pass, shared by its stages: free capacity, quota usage,
 * reservations, and the decisions taken so far. It is created from a {@link Snapshot}, changed
 * only by the pass that owns it, and dropped when the pass returns its {@link Plan}.
 */
public final class PassState {
    private final Snapshot snapshot;
    private final CapacityIndex capacity;
    private final PassQuota quota;
    private final List<Placement> placements = new ArrayList<>();
    private final List<RunningJob> startedInPass = new ArrayList<>();
    private final List<Preemption> preemptions = new ArrayList<>();
    private final List<Resize> resizes = new ArrayList<>();
    private final Map<JobId, Explanation> explanations = new LinkedHashMap<>();
    private final Map<PoolId, List<Reservation>> reservations = new HashMap<>();
    /** Per pool, the nodes held by each set of its reservations (bit i: the i-th one), see {@link #reservedAgainst}. */
    private final Map<PoolId, Map<Long, BitSet>> reservedUnions = new HashMap<>();
    private final Set<JobId> disturbed = new HashSet<>();
    /** Where each job this pass placed stands in {@code placements}, {@code placedJobs} and {@code startedInPass}. */
    private final Map<JobId, Integer> placedAt = new HashMap<>();
    private final List<PendingJob> placedJobs = new ArrayList<>();
    private final Set<PoolId> waitingForCapacity = new HashSet<>();
    private final Map<PoolId, Explanation> closedPools = new HashMap<>();
    private final Map<Object, Object> stageMemos = new HashMap<>();
    private final TenantVerdicts verdicts;
    private final NeverFits neverFits;

    PassState(Snapshot snapshot, boolean fairShare, QueueOrder order) {
        this.snapshot = snapshot;
        this.verdicts = new TenantVerdicts(order);
        this.capacity = new CapacityIndex(snapshot.nodes());
        this.quota = new PassQuota(snapshot, capacity, fairShare);
        this.neverFits = new NeverFits(snapshot.nodes(), snapshot.quotas());
    }

    /** Which jobs can never start as submitted: the pass and its plan say so before anything else. */
    NeverFits neverFits() {
        return neverFits;
    }

    public long now() {
        return snapshot.now();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public CapacityIndex capacity() {
        return capacity;
    }

    public PassQuota quota() {
        return quota;
    }

    /** Let jobs refused only for being above their fair share be considered again. */
    void forgetFairShareRefusals() {
        explanations.values().removeIf(why -> why.reason() == PendingReason.FAIR_SHARE);
        verdicts.undecide(PendingReason.FAIR_SHARE);
    }

    /** Whether this pass already placed or explained the job. */
    boolean isHandled(JobId job) {
        return placedAt.containsKey(job) || explanations.containsKey(job);
    }

    /** What earlier walks of this pass decided per tenant. */
    TenantVerdicts verdicts() {
        return verdicts;
    }

    /** Start a job: take its GPUs from the index and charge its tenant. */
    public void place(PendingJob job, Map<NodeId, GpuSet> allocation, boolean borrowing) {
        placedAt.put(job.id(), placements.size());
        placedJobs.add(job);
        allocation.forEach((node, gpus) -> capacity.allocate(capacity.indexOf(node), gpus));
        quota.charge(job.owner(), gpusIn(allocation));
        placements.add(new Placement(job.id(), allocation, borrowing));
        startedInPass.add(new RunningJob(job.id(), job.owner(), job.gpus(), allocation, job.priority(),
                job.preemptible(), now(), now(), 0, now() + job.estimatedSeconds(), false, job.attainedGpuSeconds(),
                job.outlook()));
    }

    Placement placement(JobId job) {
        return placements.get(placedAt.get(job));
    }

    /** Jobs this pass placed, in the order it placed them. */
    List<PendingJob> placedJobs() {
        return placedJobs;
    }

    /**
     * Give a job placed by this pass (not yet started) {@code extra} more GPUs on one of its nodes.
     * Its placement keeps saying how it was admitted; GPUs above the guarantee are borrowed all the same.
     */
    void widen(PendingJob job, NodeId node, GpuSet extra) {
        int at = placedAt.get(job.id());
        Placement before = placements.get(at);
        capacity.allocate(capacity.indexOf(node), extra);
        quota.charge(job.owner(), extra.size());
        var allocation = new HashMap<>(before.allocation());
        allocation.merge(node, extra, GpuSet::union);
        placements.set(at, new Placement(job.id(), allocation, before.borrowing()));
        RunningJob started = startedInPass.get(at);
        startedInPass.set(at, new RunningJob(job.id(), job.owner(), job.gpus(), allocation, job.priority(),
                job.preemptible(), now(), now(), 0, started.estimatedEnd(), false, job.attainedGpuSeconds(),
                job.outlook()));
    }

    /**
     * Record that a job holds a reservation on some nodes from some time: jobs that would still run
     * then must keep off those nodes (see {@link #reservedAgainst}).
     */
    public void reserve(PoolId pool, Reservation reservation) {
        reservations.computeIfAbsent(pool, p -> new ArrayList<>()).add(reservation);
    }

    public List<Reservation> reservations(PoolId pool) {
        return reservations.getOrDefault(pool, List.of());
    }

    /**
     * Nodes a job may not use because a reservation needs them before the job would end; null when
     * none. Read-only: jobs that the same reservations hold back share one set for the pass (the
     * ~1,000 jobs a pass tries behind a gang's reservation would each copy it otherwise).
     */
    public BitSet reservedAgainst(PoolId pool, long jobEnd) {
        List<Reservation> held = reservations(pool);
        if (held.size() > Long.SIZE) {
            return union(held, jobEnd);
        }
        long applying = 0;
        for (int i = 0; i < held.size(); i++) {
            if (jobEnd > held.get(i).start()) {
                applying |= 1L << i;
            }
        }
        if (applying == 0) {
            return null;
        }
        // A pool's reservations are only ever added to, so a set of them keeps its bits.
        Map<Long, BitSet> unions = reservedUnions.computeIfAbsent(pool, p -> new HashMap<>());
        BitSet union = unions.get(applying);
        if (union == null) { // not computeIfAbsent: its lambda would capture (allocate) for every job asking
            union = union(held, jobEnd);
            unions.put(applying, union);
        }
        return union;
    }

    private static BitSet union(List<Reservation> held, long jobEnd) {
        BitSet excluded = null;
        for (Reservation reservation : held) {
            if (jobEnd > reservation.start()) {
                if (excluded == null) {
                    excluded = new BitSet();
                }
                excluded.or(reservation.nodes());
            }
        }
        return excluded;
    }

    public void preempt(RunningJob victim, PendingJob beneficiary, String code, String reason) {
        disturbed.add(victim.id());
        quota.charge(victim.owner(), -victim.gpuCount());
        preemptions.add(new Preemption(victim.id(), beneficiary.id(), code, reason));
    }

    /** Preemptions this pass ordered so far. */
    public int preemptionCount() {
        return preemptions.size();
    }

    /**
     * Change an elastic job's GPUs. Growth takes the new GPUs now; the GPUs a shrink gives back
     * are only free once the job has checkpointed and restarted, so they stay taken in this pass.
     */
    public void resize(RunningJob job, Map<NodeId, GpuSet> to, String reason) {
        disturbed.add(job.id());
        int delta = gpusIn(to) - job.gpuCount();
        to.forEach((node, gpus) -> {
            GpuSet added = gpus.minus(job.allocation().getOrDefault(node, GpuSet.EMPTY));
            if (!added.isEmpty()) {
                capacity.allocate(capacity.indexOf(node), added);
            }
        });
        quota.charge(job.owner(), delta);
        resizes.add(new Resize(job.id(), job.allocation(), to, reason));
    }

    /** Whether this pass already preempted or resized the job: a job is disturbed at most once a pass. */
    public boolean isDisturbed(JobId job) {
        return disturbed.contains(job);
    }

    public void explain(PendingJob job, Explanation explanation) {
        explanations.put(job.id(), explanation);
    }

    /** Note that an admitted job of this pool waits for GPUs, so idle GPUs there are not idle for nobody. */
    public void markWaitingForCapacity(PoolId pool) {
        waitingForCapacity.add(pool);
    }

    public boolean hasWaitingForCapacity(PoolId pool) {
        return waitingForCapacity.contains(pool);
    }

    /**
     * What a stage worked out once for this pass (an index over running jobs, say), computed on
     * first use. Stages are shared by every pass of a policy, so per-pass facts live here.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object stage, Function<PassState, T> compute) {
        Object known = stageMemos.get(stage);
        if (known == null) {
            known = compute.apply(this); // may itself ask for other stages' memos, so no computeIfAbsent
            stageMemos.put(stage, known);
        }
        return (T) known;
    }

    /**
     * Start nothing more in this pool for the rest of the pass; later jobs there are told {@code why}
     * (strict first-in-first-out behind a blocked head, or a backfill search that went deep enough).
     */
    public void closePool(PoolId pool, Explanation why) {
        closedPools.putIfAbsent(pool, why);
    }

    /** Why the pool takes no more jobs in this pass, or null while it does. */
    public Explanation whyClosed(PoolId pool) {
        return closedPools.get(pool);
    }

    /** Whether every pool is closed, so nothing else can start in this pass (false when there are no pools). */
    public boolean everyPoolClosed() {
        if (closedPools.isEmpty() || !capacity.pools().iterator().hasNext()) {
            return false; // no schedulable node at all: each job is told so (NO_MATCHING_NODE)
        }
        for (PoolId pool : capacity.pools()) {
            if (!closedPools.containsKey(pool)) {
                return false;
            }
        }
        return true;
    }

    /** Jobs started by this pass, in the order it started them, as running jobs. */
    public List<RunningJob> startedInPass() {
        return startedInPass;
    }

    Plan toPlan(Explanation notReached) {
        return new Plan(snapshot.version(), placements, preemptions, resizes, explanations, verdicts, notReached,
                neverFits);
    }

    /** GPUs in an allocation: a loop, since every placement and running job asks. */
    static int gpusIn(Map<NodeId, GpuSet> allocation) {
        int count = 0;
        for (GpuSet gpus : allocation.values()) {
            count += gpus.size();
        }
        return count;
    }
}

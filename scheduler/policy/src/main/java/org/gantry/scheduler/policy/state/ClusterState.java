package org.gantry.scheduler.policy.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.quota.UsageLedger;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.IncrementalPendingQueue;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.QueueOrder;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.RunningJobs;
import org.gantry.scheduler.policy.Snapshot;

/**
 * What a scheduler keeps between passes, the one copy the scheduler actor, the simulator and the
 * benchmark share: the nodes and which of their GPUs are taken, the jobs holding GPUs
 * ({@link RunningJobs}), the waiting ones in the policy's order ({@link IncrementalPendingQueue}),
 * each tenant's usage per pool and the waiting per pool. Everything is kept as it changes, so a
 * {@link #snapshot} costs a copy of the node list, never a sort or a scan of the jobs.
 *
 * <p>GPUs are taken by running jobs ({@link #hold}) and by whatever else a caller says still
 * occupies them ({@link #take}, such as a workload still stopping). A job may hold GPUs on a node
 * not registered yet (after a restart): such nodes and their jobs stay out of snapshots until
 * the node registers, so no pass moves them. Not thread-safe: one owner changes it, between passes.
 */
public final class ClusterState {
    private final List<NodeView> nodes = new ArrayList<>();
    private final Map<NodeId, NodeSlot> slots = new HashMap<>();
    private final IncrementalPendingQueue queue;
    private final Map<JobId, PendingJob> waiting = new HashMap<>();
    private final Map<PoolId, Waiting> waitingInPool = new HashMap<>();
    private final RunningJobs running = new RunningJobs();
    private final Map<TenantPool, Integer> usage = new HashMap<>();
    private QuotaBook quotas = QuotaBook.of(Map.of());
    private long version;
    /** Nodes that jobs hold GPUs on but that never registered; almost always 0. */
    private int unregistered;

    /** Where a node's view sits in {@link #nodes}, whether it registered, and what is taken there. */
    private static final class NodeSlot {
        final int index;
        boolean registered;
        GpuSet taken = GpuSet.EMPTY;

        NodeSlot(int index) {
            this.index = index;
        }
    }

    public ClusterState(QueueOrder order) {
        this.queue = new IncrementalPendingQueue(order);
    }

    // ---- nodes ---------------------------------------------------------------------------

    /**
     * A node registered, or its traits, health or schedulability changed: {@code node}'s free
     * GPUs are ignored, since they are whatever of its GPUs nothing here takes. Snapshots list
     * nodes in the order they first appeared (registered, or held on).
     */
    public void putNode(NodeView node) {
        NodeSlot slot = slot(node.id());
        if (!slot.registered) {
            slot.registered = true;
            unregistered--;
        }
        nodes.set(slot.index, node.withFree(node.gpus().minus(slot.taken)));
    }

    /** A registered node takes new work or stops taking it (cordoned, draining, lost). */
    public void setSchedulable(NodeId id, boolean schedulable) {
        NodeSlot slot = slots.get(id);
        if (slot == null || !slot.registered) {
            throw new IllegalArgumentException("node " + id + " is not registered");
        }
        NodeView node = nodes.get(slot.index);
        if (node.schedulable() != schedulable) {
            nodes.set(slot.index, new NodeView(node.id(), node.pool(), node.gpuModel(), node.gpuMemoryMiB(),
                    node.labels(), schedulable, node.gpus(), node.free()));
        }
    }

    /** The node as the next snapshot shows it, or null when it is not registered. */
    private NodeView node(NodeId id) {
        NodeSlot slot = slots.get(id);
        return slot == null || !slot.registered ? null : nodes.get(slot.index);
    }

    /** The GPUs of a node that jobs or other occupants take (on a node not registered too). */
    public GpuSet taken(NodeId id) {
        NodeSlot slot = slots.get(id);
        return slot == null ? GpuSet.EMPTY : slot.taken;
    }

    /** Marks GPUs of a node taken by something other than a running job; a GPU already taken stays so. */
    public void take(NodeId id, GpuSet gpus) {
        NodeSlot slot = slot(id);
        setTaken(slot, slot.taken.union(gpus));
    }

    /** GPUs that {@link #take} took (or a job held) are free again. */
    public void giveBack(NodeId id, GpuSet gpus) {
        NodeSlot slot = slots.get(id);
        if (slot != null) {
            setTaken(slot, slot.taken.minus(gpus));
        }
    }

    private NodeSlot slot(NodeId id) {
        NodeSlot slot = slots.get(id);
        if (slot == null) { // held on before it registered: a placeholder keeps its place in the order
            slot = new NodeSlot(nodes.size());
            slots.put(id, slot);
            nodes.add(new NodeView(id, PoolId.DEFAULT, "none", 0, Map.of(), false, GpuSet.EMPTY, GpuSet.EMPTY));
            unregistered++;
        }
        return slot;
    }

    private void setTaken(NodeSlot slot, GpuSet taken) {
        slot.taken = taken;
        if (slot.registered) {
            NodeView node = nodes.get(slot.index);
            nodes.set(slot.index, node.withFree(node.gpus().minus(taken)));
        }
    }

    // ---- running jobs ----------------------------------------------------------------------

    /** The job takes the GPUs of its allocation, replacing any it held before, and counts to its tenant's usage. */
    public void hold(RunningJob job) {
        release(job.id());
        job.allocation().forEach((id, gpus) -> {
            NodeSlot slot = slot(id);
            setTaken(slot, slot.taken.union(gpus));
        });
        running.put(job);
        usage.merge(job.owner(), job.gpuCount(), Integer::sum);
    }

    /** A new record of a job holding the same GPUs: a new estimate, a suspension, a new state. */
    public void renew(RunningJob job) {
        running.put(job);
    }

    /** The job lets go of its GPUs; returns what was known of it, or null when it held none. */
    public RunningJob release(JobId id) {
        RunningJob job = running.remove(id);
        if (job == null) {
            return null;
        }
        job.allocation().forEach((nodeId, gpus) -> giveBack(nodeId, gpus));
        usage.merge(job.owner(), -job.gpuCount(), Integer::sum);
        usage.remove(job.owner(), 0);
        return job;
    }

    /** A waiting job starts on the GPUs of {@code job}'s allocation: it leaves the queue and holds them. */
    public void start(RunningJob job) {
        dequeue(job.id());
        hold(job);
    }

    /**
     * The waiting job of a placement that {@link #check} found to fit starts now: it runs as it
     * waited (service had, outlook), checkpoints every {@code checkpointEverySeconds} (0: never)
     * and is expected to end after its estimate. Returns it as passes will see it.
     */
    public RunningJob start(Placement placement, long now, long checkpointEverySeconds) {
        PendingJob job = waiting.get(placement.job());
        if (job == null) {
            throw new IllegalStateException("job " + placement.job() + " is not waiting");
        }
        RunningJob started = new RunningJob(job.id(), job.owner(), job.gpus(), placement.allocation(), job.priority(),
                job.preemptible(), now, now, checkpointEverySeconds, now + job.estimatedSeconds(), false,
                job.attainedGpuSeconds(), job.outlook());
        start(started);
        return started;
    }

    /**
     * Running jobs that should have ended by now (their estimated end is at or before it) but
     * still run get a new end, {@code now} plus what {@code remainingSeconds} says is left (at
     * least a second). One rule for every caller: a pass must never plan on the GPUs of a job as
     * if they were free already; ending exactly now is still running. Returns the jobs renewed.
     */
    public List<RunningJob> refreshOverrunning(long now, ToLongFunction<RunningJob> remainingSeconds) {
        List<RunningJob> renewed = new ArrayList<>();
        while (!running.isEmpty() && running.first().estimatedEnd() <= now) {
            RunningJob job = running.first();
            RunningJob refreshed = new RunningJob(job.id(), job.owner(), job.gpus(), job.allocation(), job.priority(),
                    job.preemptible(), job.allocatedAt(), job.lastCheckpointAt(), job.checkpointEverySeconds(),
                    now + Math.max(1, remainingSeconds.applyAsLong(job)), job.suspending(), job.attainedBefore(),
                    job.gpuCount(), job.outlook());
            renew(refreshed);
            renewed.add(refreshed);
        }
        return renewed;
    }

    public RunningJob running(JobId id) {
        return running.get(id);
    }

    /** The jobs holding GPUs, indexed; change them only through this state. */
    public RunningJobs running() {
        return running;
    }

    public int used(TenantPool owner) {
        return usage.getOrDefault(owner, 0);
    }

    /** The GPUs each tenant holds in each pool (owners holding none are absent); a live, read-only view. */
    public Map<TenantPool, Integer> usage() {
        return Collections.unmodifiableMap(usage);
    }

    // ---- waiting jobs ----------------------------------------------------------------------

    /** The job waits, in the queue's order. */
    public void enqueue(PendingJob job) {
        recordWaiting(job);
        queue.add(job);
    }

    /**
     * Queues jobs given in the queue's order (a copy of another queue): as {@link #enqueue} for
     * each, with the queue built in one linear pass (see {@link IncrementalPendingQueue#addAllInOrder}).
     */
    public void enqueueAllInOrder(List<PendingJob> jobs) {
        jobs.forEach(this::recordWaiting);
        queue.addAllInOrder(jobs);
    }

    /** The job waits: known by id, and counted in its pool (the queue itself is the caller's to fill). */
    private void recordWaiting(PendingJob job) {
        if (waiting.putIfAbsent(job.id(), job) != null) {
            throw new IllegalStateException("job " + job.id() + " is already waiting");
        }
        waitingInPool.merge(job.owner().pool(), new Waiting(1, job.gpus().min()),
                (had, one) -> had.plus(one.jobs(), one.gpus()));
    }

    /** The job no longer waits; returns its queue entry, or null when it was not waiting. */
    public PendingJob dequeue(JobId id) {
        PendingJob job = waiting.remove(id);
        if (job != null) {
            queue.remove(job);
            waitingInPool.computeIfPresent(job.owner().pool(), (pool, had) -> had.plus(-1, -job.gpus().min()));
        }
        return job;
    }

    /** The job's queue entry, or null when it does not wait. */
    public PendingJob waiting(JobId id) {
        return waiting.get(id);
    }

    /** The waiting jobs in the policy's order; change them only through this state. */
    public IncrementalPendingQueue queue() {
        return queue;
    }

    public Waiting waitingIn(PoolId pool) {
        return waitingInPool.getOrDefault(pool, Waiting.NONE);
    }

    // ---- quotas, snapshots and plans -----------------------------------------------------------

    public void setQuotas(QuotaBook quotas) {
        this.quotas = quotas;
    }

    public QuotaBook quotas() {
        return quotas;
    }

    public long version() {
        return version;
    }

    /** Freezes the state for one pass, as a new version; the pass must end before the state changes. */
    public Snapshot snapshot(long now) {
        version++;
        List<NodeView> views = nodes;
        RunningJobs movable = running;
        if (unregistered > 0) { // only after a restart, until every node registered again
            views = nodes.stream().filter(node -> slots.get(node.id()).registered).toList();
            movable = RunningJobs.of(running.stream().filter(this::onRegisteredNodes).toList());
        }
        return new Snapshot(version, now, views, movable, queue, quotas, UsageLedger.of(usage));
    }

    private boolean onRegisteredNodes(RunningJob job) {
        for (NodeId id : job.allocation().keySet()) {
            if (!slots.get(id).registered) {
                return false;
            }
        }
        return true;
    }

    /** Refuses a plan made on another version than the latest snapshot: applying it would be wrong. */
    public void requireCurrent(Plan plan) {
        if (plan.snapshotVersion() != version) {
            throw new IllegalStateException("plan for version " + plan.snapshotVersion() + " applied at " + version);
        }
    }

    /**
     * Whether the placement fits the state as it is now: the job waits, gets as many GPUs as it
     * asks for without its tenant going over its limit, and every GPU it gets is free on a
     * schedulable node.
     */
    public PlacementCheck check(Placement placement) {
        PendingJob job = waiting.get(placement.job());
        if (job == null) {
            return PlacementCheck.NOT_WAITING;
        }
        PlacementCheck slices = checkSlices(placement.allocation(), Map.of());
        if (slices != PlacementCheck.FITS) {
            return slices;
        }
        int count = placement.gpuCount();
        if (count < job.gpus().min() || count > job.gpus().max()) {
            return PlacementCheck.WRONG_SIZE;
        }
        return (long) used(job.owner()) + count > quotas.quota(job.owner()).limit() ? PlacementCheck.OVER_LIMIT
                : PlacementCheck.FITS;
    }

    /**
     * Whether a resize fits the state as it is now: the job runs on {@code from}, is elastic and
     * gets a width it asks for, and every GPU it gains is free on a schedulable node.
     */
    public PlacementCheck check(Resize resize) {
        RunningJob job = running.get(resize.job());
        if (job == null || !job.allocation().equals(resize.from())) {
            return PlacementCheck.NOT_RUNNING;
        }
        int count = resize.newGpuCount();
        if (!job.isElastic() || count < job.gpus().min() || count > job.gpus().max()) {
            return PlacementCheck.WRONG_SIZE;
        }
        return checkSlices(resize.to(), job.allocation());
    }

    /** Whether every GPU of {@code slices} not in {@code own} is free on a schedulable node that has it. */
    private PlacementCheck checkSlices(Map<NodeId, GpuSet> slices, Map<NodeId, GpuSet> own) {
        for (Map.Entry<NodeId, GpuSet> slice : slices.entrySet()) {
            NodeView node = node(slice.getKey());
            if (node == null) {
                return PlacementCheck.UNKNOWN_NODE;
            }
            if (!node.gpus().containsAll(slice.getValue())) {
                return PlacementCheck.NOT_ON_NODE;
            }
            if (!node.free().containsAll(slice.getValue().minus(own.getOrDefault(slice.getKey(), GpuSet.EMPTY)))) {
                return PlacementCheck.TAKEN;
            }
            if (!node.schedulable()) {
                return PlacementCheck.NOT_SCHEDULABLE;
            }
        }
        return PlacementCheck.FITS;
    }

    /** The node views in snapshot order, unregistered ones left out: for callers' reports and tests. */
    public List<NodeView> nodes() {
        return unregistered == 0 ? Collections.unmodifiableList(nodes)
                : nodes.stream().filter(node -> slots.get(node.id()).registered).toList();
    }
}

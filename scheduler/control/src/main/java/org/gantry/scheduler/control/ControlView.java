package org.gantry.scheduler.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobCheckpoint;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobState;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.IncrementalPendingQueue;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.QueueOrder;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.forecast.ArrivalHistory;
import org.gantry.scheduler.policy.forecast.RecentArrivals;
import org.gantry.scheduler.policy.state.ClusterState;
import org.gantry.scheduler.policy.state.DurationKnowledge;
import org.gantry.scheduler.policy.state.PlacementCheck;
import org.gantry.scheduler.policy.state.Waiting;
import org.gantry.scheduler.predict.DurationOutlook;
import org.gantry.scheduler.predict.DurationPredictor;
import org.gantry.scheduler.predict.JobFeatures;

/**
 * The scheduler's derived view of the cluster: the jobs waiting or holding GPUs (from the
 * entities' records; finished jobs leave it for the job table), the nodes agents registered, and
 * the tenants. A cache over the job records: rebuilt from the job table after a restart,
 * corrected by every record an entity persists. The bookkeeping the simulator and the benchmark
 * share — taken GPUs, running jobs, the queue in policy order, usage, snapshots — is a
 * {@link ClusterState} this view translates records into; what only production has stays here:
 * the records, reservations being persisted, workloads still stopping, agents. A plain object
 * owned by the scheduler actor, so it needs no locks; the policy only ever sees the immutable
 * {@link Snapshot} it hands out.
 */
final class ControlView {
    /** How many ended jobs the view remembers, to drop their late records; stale ones arrive within seconds. */
    static final int RECENTLY_ENDED = 10_000;
    /** Jobs waiting or holding GPUs; a job leaves when it ends (the job table keeps its history). */
    private final Map<JobId, TrackedJob> jobs = new HashMap<>();
    /** Jobs that ended lately: a record of theirs that arrives after the end (a reply it overtook) is stale. */
    private final RecentlyEnded ended = new RecentlyEnded(RECENTLY_ENDED);
    private final Map<NodeId, NodeEntry> nodes = new LinkedHashMap<>();
    /**
     * Nodes, taken GPUs, jobs holding GPUs as the policy sees them (one record per job, renewed
     * only when something about it changes), the queue and usage; see {@link ClusterState}.
     */
    private final ClusterState state;
    /** Jobs holding GPUs per node: heartbeats and drains look only at these, never at every job ever run. */
    private final Map<NodeId, Set<TrackedJob>> holdingOn = new HashMap<>();
    /** GPUs of workloads over in the records that nodes still run; see {@link LingeringWorkloads}. */
    private final LingeringWorkloads lingering;
    /** Estimates and outlooks, learned from finished jobs as the simulator learns them. */
    private final DurationKnowledge knowledge;
    /** First submits, as start forecasts expect them to keep coming. */
    private final ArrivalHistory submits = new ArrivalHistory();
    private final ControlMetrics metrics;
    private Map<TenantId, TenantSpec> tenants = Map.of();
    private final PendingCounts pendingCounts = new PendingCounts();

    ControlView(QueueOrder order, DurationPredictor predictor) {
        this(order, predictor, ControlMetrics.NONE);
    }

    ControlView(QueueOrder order, DurationPredictor predictor, ControlMetrics metrics) {
        this(order, new DurationKnowledge(predictor), metrics);
    }

    ControlView(QueueOrder order, DurationKnowledge knowledge, ControlMetrics metrics) {
        this.state = new ClusterState(order);
        this.knowledge = knowledge;
        this.lingering = new LingeringWorkloads(state);
        this.metrics = metrics;
    }

    // ---- jobs ----------------------------------------------------------------------------

    TrackedJob job(JobId id) {
        return jobs.get(id);
    }

    Collection<TrackedJob> jobs() {
        return jobs.values();
    }

    /**
     * Follows what an entity persisted. Holding states take the record's allocation; PENDING
     * queues it, unless the view is still persisting a newer placement of it; a final state
     * releases everything.
     */
    void update(Job record, Instant now) {
        TrackedJob job = jobs.get(record.id());
        if (job == null) {
            if (record.state().isTerminal() || ended.contains(record.id())) {
                return; // ended before the view knew it, or a late record of a job that ended
            }
            job = new TrackedJob(record);
            jobs.put(record.id(), job);
        } else if (RecordOrder.olderThan(record, job.record)) {
            return; // records reach the scheduler by two paths (notifications, replies): keep the newest
        } else {
            countStart(job.record, record);
        }
        job.record = record;
        if (job.resizeTarget != null && (record.attempt() != job.resizeAttempt || !record.state().holdsGpus()
                || record.state() == JobState.SUSPENDING)) {
            job.resizeTarget = null; // persisted (the record carries it now), overtaken by a suspension, or over
        }
        if (!job.held.isEmpty()) {
            state.renew(toRunning(job)); // suspending, cancel requested: the pass must see it
        }
        if (record.state().holdsGpus()) {
            job.reservingAttempt = 0;
            dequeue(job);
            if (record.attempt() == job.goneAttempt) {
                return; // its workloads are gone and their GPUs free already; the record will catch up
            }
            Map<NodeId, GpuSet> booked = booked(job);
            if (job.held.isEmpty() || !job.held.equals(booked) || job.heldAttempt != record.attempt()) {
                // A resized job's next attempt (placed by its entity, not by a reservation) gets here too.
                hold(job, booked, record.scheduledAt() == null ? now : record.scheduledAt());
            }
        } else if (record.state() == JobState.PENDING) {
            if (job.reservingAttempt > record.attempt()) {
                return; // our placement of it is being persisted: keep the reservation
            }
            releaseKeepingUnfinishedParts(job);
            enqueue(job);
        } else {
            job.reservingAttempt = 0;
            releaseKeepingUnfinishedParts(job);
            dequeue(job);
            learnFrom(record); // once: the job leaves the view now, and later records of it are dropped
            metrics.jobEnded(record.state(), record.tenant(), record.spec().pool(), ranSeconds(record));
            jobs.remove(record.id());
            ended.add(record.id());
        }
    }

    /**
     * A job's first attempt was seen to start running: its submit-to-start wait. Only a record
     * that follows an earlier one of the job counts, so recovering running jobs counts none twice.
     */
    private void countStart(Job before, Job after) {
        if (after.state() == JobState.RUNNING && before.state() != JobState.RUNNING && after.attempt() == 1
                && after.startedAt() != null) {
            metrics.jobStarted(after.spec().pool(),
                    Math.max(0, after.startedAt().getEpochSecond() - after.submittedAt().getEpochSecond()));
        }
    }

    private static long ranSeconds(Job record) {
        return record.startedAt() == null || record.finishedAt() == null ? -1
                : Math.max(0, record.finishedAt().getEpochSecond() - record.startedAt().getEpochSecond());
    }

    /**
     * The duration predictor learns from these finished jobs (a new scheduler's warm-up); the
     * jobs already queued or holding GPUs then see what it learned, as if queued after it.
     */
    void learnFrom(List<Job> succeeded) {
        succeeded.forEach(this::learnFrom);
        if (succeeded.isEmpty()) {
            return;
        }
        for (TrackedJob job : jobs.values()) {
            if (state.waiting(job.id()) != null) {
                dequeue(job);
                enqueue(job);
            } else if (!job.held.isEmpty()) {
                job.outlook = knowledge.outlook(features(job.record));
                state.renew(toRunning(job));
            }
        }
    }

    private void learnFrom(Job record) {
        if (record.state() == JobState.SUCCEEDED && record.startedAt() != null && record.finishedAt() != null) {
            knowledge.learn(features(record), Math.max(1, record.finishedAt().getEpochSecond()
                    - record.startedAt().getEpochSecond()));
        }
    }

    /**
     * Reserves a placement's GPUs before its entity confirms it, so the next pass cannot give
     * them again. Refused (false) when the plan is stale: the job no longer waits, or a GPU is
     * no longer free.
     */
    boolean reserve(Placement placement, int attempt, long nowSeconds) {
        TrackedJob job = jobs.get(placement.job());
        if (job == null || job.record.state() != JobState.PENDING || state.check(placement) != PlacementCheck.FITS) {
            return false;
        }
        release(job); // nothing, normally: a waiting job holds no GPUs
        // Started as the simulator and the benchmark start it; the record that follows renews it as is.
        RunningJob started = state.start(placement, nowSeconds, checkpointEverySeconds(job.record));
        pendingCounts.remove(job.owner().tenant());
        job.reservingAttempt = attempt;
        track(job, started.allocation(), nowSeconds);
        job.estimatedEnd = started.estimatedEnd();
        return true;
    }

    /**
     * Books the GPUs a resize moves a running job to, before its entity confirms it: those it
     * keeps stay its own, those it gains are taken at once so no pass places another job there.
     * Refused (false) when the plan is stale: the job is no longer running on {@code from} (or
     * not yet: a workload still starting is not stopped to resize it), is being stopped or
     * resized already, or a GPU it would gain is no longer free.
     */
    boolean reserveResize(Resize resize) {
        TrackedJob job = jobs.get(resize.job());
        if (job == null || job.resizeTarget != null || job.reservingAttempt != 0
                || job.record.state() != JobState.RUNNING || job.record.cancelRequested()
                || !job.held.equals(resize.from())) {
            return false;
        }
        for (Map.Entry<NodeId, GpuSet> to : resize.to().entrySet()) {
            NodeEntry node = nodes.get(to.getKey());
            GpuSet gained = to.getValue().minus(job.held.getOrDefault(to.getKey(), GpuSet.EMPTY));
            if (node == null || node.agent() == null || node.status() != NodeStatus.READY
                    || !node.healthyGpus().containsAll(gained) || state.taken(to.getKey()).intersects(gained)) {
                return false;
            }
        }
        job.resizeTarget = Map.copyOf(resize.to());
        job.resizeAttempt = job.record.attempt();
        hold(job, booked(job), job.heldSince);
        return true;
    }

    /** The entity refused a resize the view booked (or never heard of it): the GPUs it would gain are free again. */
    void dropResize(JobId id, int attempt) {
        TrackedJob job = jobs.get(id);
        if (job != null && job.resizeTarget != null && job.resizeAttempt == attempt) {
            job.resizeTarget = null;
            if (job.record.state().holdsGpus() && job.goneAttempt != job.record.attempt()) {
                hold(job, booked(job), job.heldSince);
            }
        }
    }

    /**
     * What a job holding GPUs has booked: its allocation, and while it is being resized also the
     * GPUs it moves to (the record's, or those of a resize still being persisted).
     */
    private static Map<NodeId, GpuSet> booked(TrackedJob job) {
        Map<NodeId, GpuSet> booked = toGpuSets(job.record);
        Map<NodeId, GpuSet> target = resizeTarget(job);
        if (target != null) {
            target.forEach((node, gpus) -> booked.merge(node, gpus, GpuSet::union));
        }
        return booked;
    }

    /** Where a resize under way moves the job, or null when none is. */
    private static Map<NodeId, GpuSet> resizeTarget(TrackedJob job) {
        if (!job.record.resizeTo().isEmpty()) {
            Map<NodeId, GpuSet> sets = new HashMap<>();
            job.record.resizeTo().forEach((node, indices) -> sets.put(node, GpuSet.of(indices)));
            return sets;
        }
        return job.resizeTarget;
    }

    /** The entity refused a placement the view reserved: give the GPUs back and queue the job again. */
    void cancelReservation(JobId id, int attempt) {
        TrackedJob job = jobs.get(id);
        if (job != null && job.reservingAttempt == attempt) {
            job.reservingAttempt = 0;
            release(job);
            if (job.record.state() == JobState.PENDING) {
                enqueue(job);
            }
        }
    }

    private void enqueue(TrackedJob job) {
        if (state.waiting(job.id()) == null) {
            Job record = job.record;
            // As the simulator: what it is told of its duration is renewed at every queueing, and kept until the next.
            job.outlook = knowledge.outlook(features(record));
            job.estimatedSeconds = estimatedSeconds(record);
            var pending = new PendingJob(record.id(), job.owner(), record.spec().demand(), record.spec().constraints(),
                    record.submittedAt().getEpochSecond(), job.estimatedSeconds, record.spec().priority(),
                    record.spec().preemptible(), record.attainedGpuSeconds(), job.outlook);
            state.enqueue(pending);
            if (!job.countedAsArrival && record.startedAt() == null) {
                job.countedAsArrival = true;
                submits.record(pending);
            }
            pendingCounts.add(job.owner().tenant());
        }
    }

    /**
     * {@code question} answered with {@code probe} in the queue, which leaves it again afterwards:
     * for asking the policy about a job that is not submitted (a dry run). Never across a message.
     */
    <T> T withProbe(PendingJob probe, java.util.function.Supplier<T> question) {
        state.enqueue(probe);
        try {
            return question.get();
        } finally {
            state.dequeue(probe.id());
        }
    }

    /** The run time the queue order assumes for a job of this shape and tenant, in seconds. */
    long estimatedSeconds(org.gantry.api.job.JobSpec spec, TenantId tenant) {
        return spec.estimatedDuration() != null ? Math.max(1, spec.estimatedDuration().toSeconds())
                : knowledge.estimateSeconds(features(spec, tenant));
    }

    /** The duration distributions the queue order would see for a job of this shape and tenant queued now. */
    DurationOutlook outlook(org.gantry.api.job.JobSpec spec, TenantId tenant) {
        return knowledge.outlook(features(spec, tenant));
    }

    private void dequeue(TrackedJob job) {
        if (state.dequeue(job.id()) != null) {
            pendingCounts.remove(job.owner().tenant());
        }
    }

    /** How many jobs each tenant has waiting, and which are at their cap. */
    PendingCounts pendingCounts() {
        return pendingCounts;
    }

    /** The job's entry in the pending queue, or null when it does not wait. */
    PendingJob queued(TrackedJob job) {
        return state.waiting(job.id());
    }

    private void hold(TrackedJob job, Map<NodeId, GpuSet> allocation, Instant since) {
        hold(job, allocation, since.getEpochSecond());
    }

    private void hold(TrackedJob job, Map<NodeId, GpuSet> allocation, long sinceSeconds) {
        release(job);
        track(job, allocation, sinceSeconds);
        if (job.estimatedSeconds == 0) { // found holding GPUs at recovery: never queued here
            job.outlook = knowledge.outlook(features(job.record));
            job.estimatedSeconds = estimatedSeconds(job.record);
        }
        job.estimatedEnd = sinceSeconds + job.estimatedSeconds;
        state.hold(toRunning(job));
    }

    /** What only production keeps of a job taking GPUs: which nodes it holds on, since when, for which attempt. */
    private void track(TrackedJob job, Map<NodeId, GpuSet> allocation, long sinceSeconds) {
        allocation.forEach((nodeId, gpus) -> {
            // placed before a restart on a node that has not registered again yet: the state keeps it out of passes
            nodes.computeIfAbsent(nodeId, NodeEntry::awaiting);
            holdingOn.computeIfAbsent(nodeId, id -> new HashSet<>()).add(job);
        });
        job.held = Map.copyOf(allocation);
        job.heldSince = sinceSeconds;
        if (job.heldAttempt != Math.max(job.reservingAttempt, job.record.attempt())) {
            job.heldAttempt = Math.max(job.reservingAttempt, job.record.attempt());
            job.exitedParts.clear();
        }
    }

    private void release(TrackedJob job) {
        if (job.held.isEmpty()) {
            return;
        }
        job.held.forEach((nodeId, gpus) -> {
            Set<TrackedJob> on = holdingOn.get(nodeId);
            if (on != null && on.remove(job) && on.isEmpty()) {
                holdingOn.remove(nodeId);
            }
        });
        state.release(job.id());
        job.held = Map.of();
    }

    /**
     * The attempt is over in the records: the parts of it no node has reported ended keep their
     * GPUs (as lingering) until their node's report shows them gone. Parts on lost nodes do not.
     */
    private void releaseKeepingUnfinishedParts(TrackedJob job) {
        Map<NodeId, GpuSet> held = job.held;
        AttemptRef attempt = new AttemptRef(job.id(), job.heldAttempt);
        release(job);
        held.forEach((nodeId, gpus) -> {
            NodeEntry node = nodes.get(nodeId);
            if (!job.exitedParts.contains(nodeId) && node != null && node.agent() != null
                    && node.status() != NodeStatus.LOST) {
                linger(nodeId, attempt, gpus);
            }
        });
    }

    /**
     * Every part of the job's attempt reported its workload gone: its GPUs are free for the next
     * pass now, a journal write before the record says the attempt is over.
     */
    void workloadsGone(TrackedJob job) {
        job.goneAttempt = job.heldAttempt;
        Map<NodeId, GpuSet> target = resizeTarget(job);
        if (target != null && !job.record.cancelRequested()) {
            hold(job, target, job.heldSince); // it restarts there: a shrink's GPUs are free now, the rest stay booked
        } else {
            release(job);
        }
    }

    /** Takes GPUs for a workload the records no longer place here, until it is reported gone. */
    void linger(NodeId nodeId, AttemptRef attempt, GpuSet gpus) {
        lingering.add(nodeId, attempt, gpus);
    }

    /** The lingering workloads of a node. */
    Map<AttemptRef, GpuSet> lingeringOn(NodeId nodeId) {
        return lingering.on(nodeId);
    }

    /** A lingering workload is gone: its GPUs are free again. */
    void gone(NodeId nodeId, AttemptRef attempt) {
        lingering.gone(nodeId, attempt);
    }

    /** Whether these GPUs of a node are taken by nothing: neither a job nor a lingering workload. */
    boolean free(NodeId nodeId, GpuSet gpus) {
        return nodes.containsKey(nodeId) && !state.taken(nodeId).intersects(gpus);
    }

    /** GPUs of a node that jobs or stopping workloads take. */
    GpuSet taken(NodeId nodeId) {
        return state.taken(nodeId);
    }

    private static Map<NodeId, GpuSet> toGpuSets(Job record) {
        Map<NodeId, GpuSet> sets = new HashMap<>();
        record.allocation().forEach((node, indices) -> sets.put(node, GpuSet.of(indices)));
        return sets;
    }

    private static JobFeatures features(Job record) {
        return new JobFeatures(record.tenant().value(), record.name(), record.spec().demand().min());
    }

    private static JobFeatures features(org.gantry.api.job.JobSpec spec, TenantId tenant) {
        return new JobFeatures(tenant.value(), spec.name(), spec.demand().min());
    }

    // ---- nodes ---------------------------------------------------------------------------

    NodeEntry node(NodeId id) {
        return nodes.get(id);
    }

    Collection<NodeEntry> nodes() {
        return nodes.values();
    }

    /** An agent registered or sent a heartbeat. Returns true when the node is new or came back. */
    boolean nodeReported(NodeInfo info, ActorRef<AgentCommand> agent, Instant at) {
        NodeEntry known = nodes.get(info.id());
        boolean fresh = known == null || known.agent() == null || known.status() == NodeStatus.LOST;
        put(known == null ? NodeEntry.registered(info, agent, at) : known.reported(info, agent, at));
        return fresh;
    }

    void setStatus(NodeId id, NodeStatus status) {
        NodeEntry node = nodes.get(id);
        if (node != null) {
            put(node.withStatus(status));
        }
        if (status == NodeStatus.LOST) { // what ran there is gone with the node
            lingering.allGone(id);
        }
    }

    /** A node's entry changed: passes see registered nodes (those with an agent) as the state shows them. */
    private void put(NodeEntry node) {
        nodes.put(node.id(), node);
        if (node.agent() != null) {
            state.putNode(node.toView());
        }
    }

    /** Jobs holding GPUs on a node, in no particular order. */
    List<TrackedJob> jobsOn(NodeId node) {
        return new ArrayList<>(holdingOn.getOrDefault(node, Set.of()));
    }

    // ---- tenants -------------------------------------------------------------------------

    void setTenants(Map<TenantId, TenantSpec> specs) {
        tenants = Map.copyOf(specs);
        state.setQuotas(Overcommitments.book(specs));
    }

    Map<TenantId, TenantSpec> tenants() {
        return tenants;
    }

    QuotaBook quotas() {
        return state.quotas();
    }

    int used(TenantPool tenantPool) {
        return state.used(tenantPool);
    }

    /**
     * Whether a pass could grow an elastic job: one runs below its maximum, undisturbed, and some
     * GPU is free. Growth is planned even with nobody waiting, so such a pass is worth running.
     */
    boolean mayGrow() {
        for (RunningJob job : state.running().elastic()) {
            if (!job.suspending() && job.gpuCount() < job.gpus().max()) {
                for (NodeId node : job.allocation().keySet()) {
                    NodeEntry entry = nodes.get(node);
                    if (entry != null && !entry.healthyGpus().minus(state.taken(node)).isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The GPUs each tenant holds in each pool; a live, read-only view. */
    Map<TenantPool, Integer> usage() {
        return state.usage();
    }

    /** Jobs holding GPUs, as the policy sees them. */
    Collection<RunningJob> holding() {
        return Collections.unmodifiableCollection(state.running());
    }

    /** Waiting jobs and the GPUs they ask for in a pool. */
    Waiting waitingIn(PoolId pool) {
        return state.waitingIn(pool);
    }

    IncrementalPendingQueue queue() {
        return state.queue();
    }

    // ---- the policy's input --------------------------------------------------------------

    /** Refuses a plan made from an older snapshot than the view's last. */
    void requireCurrent(Plan plan) {
        state.requireCurrent(plan);
    }

    /** Freezes the view for one pass. Jobs on nodes not registered again yet are left out: no pass may move them. */
    Snapshot snapshot(long nowSeconds) {
        refreshOutlivedEstimates(nowSeconds);
        return state.snapshot(nowSeconds);
    }

    /** The jobs submitted lately, which a start forecast expects to keep arriving (as the simulator does). */
    RecentArrivals recentArrivals(long nowSeconds) {
        return submits.at(nowSeconds);
    }

    /** Jobs that ran past their expected end get a new one, given how long this run has lasted. */
    private void refreshOutlivedEstimates(long nowSeconds) {
        for (RunningJob renewed : state.refreshOverrunning(nowSeconds, running -> knowledge.estimateRemainingSeconds(
                features(jobs.get(running.id()).record), Math.max(1, nowSeconds - running.allocatedAt())))) {
            jobs.get(renewed.id()).estimatedEnd = renewed.estimatedEnd();
        }
    }

    private long estimatedSeconds(Job record) {
        return estimatedSeconds(record.spec(), record.tenant());
    }

    /**
     * When the work of its current run was last saved, in epoch seconds: its newest stored
     * checkpoint, or when it got its GPUs (it started from there). The policy's least-lost-work
     * victim order measures from this, as the simulator's does from its own checkpoints.
     */
    private static long lastCheckpointAt(TrackedJob job) {
        JobCheckpoint last = job.record.lastCheckpoint();
        return last == null ? job.heldSince : Math.max(job.heldSince, last.at().getEpochSecond());
    }

    /** How often the job checkpoints by its spec, in seconds (0: never). */
    private static long checkpointEverySeconds(Job record) {
        CheckpointPolicy checkpoint = record.spec().checkpoint();
        return checkpoint == null ? 0 : checkpoint.intervalSeconds();
    }

    /** The job as a pass sees it; renewed whenever its record, GPUs or estimate change. */
    private static RunningJob toRunning(TrackedJob job) {
        Job record = job.record;
        return new RunningJob(record.id(), job.owner(), record.spec().demand(), job.held, record.spec().priority(),
                record.spec().preemptible(), job.heldSince, lastCheckpointAt(job), checkpointEverySeconds(record),
                job.estimatedEnd,
                record.state() == JobState.SUSPENDING || record.cancelRequested() || job.resizeTarget != null,
                record.attainedGpuSeconds(), job.outlook);
    }
}

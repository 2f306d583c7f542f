package org.gantry.scheduler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.gantry.api.cluster.GpuDevice;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.NodeInfo;
import org.gantry.api.cluster.NodeStatus;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.CheckpointPolicy;
import org.gantry.api.job.GpuRequest;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.job.JobSpec;
import org.gantry.api.job.JobState;
import org.gantry.api.job.SimulatedWorkload;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.scheduler.control.job.JobEvent;
import org.gantry.scheduler.control.job.JobLifecycle;
import org.gantry.scheduler.control.job.StoredSpec;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.SchedulingPolicy;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.state.DurationKnowledge;
import org.gantry.scheduler.predict.DurationOutlook;
import org.gantry.scheduler.predict.HistoryPredictor;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.junit.jupiter.api.Test;

/**
 * One script of submits, placements, starts, exits, a preemption and a node loss, applied
 * through the control plane's path (job records as the entities persist them, into
 * {@link ControlView}) and through the simulator's (plans applied to the cluster state at once):
 * both must show the policy the same snapshots and so get the same plans.
 */
class ClusterStateParityTest {
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    private static final TenantId VISION = TenantId.of("vision");
    private static final NodeId A = NodeId.of("node-a");
    private static final NodeId B = NodeId.of("node-b");
    private static final Map<TenantId, TenantSpec> TENANTS =
            Map.of(VISION, new TenantSpec(VISION, Map.of(PoolId.DEFAULT, new PoolQuota(8, 16))));

    private SchedulingPolicy policy = Policies.gantry(Policies.DEFAULT_AGING_RATE, 0);
    private ControlView view = new ControlView(policy.order(), HistoryPredictor.defaults());
    private final Map<JobId, List<JobEvent>> events = new HashMap<>();
    private final Map<JobId, JobSpec> specs = new HashMap<>();
    private final Map<JobId, Long> submittedAt = new HashMap<>();
    private final ActorTestKit kit = ActorTestKit.create();
    private SimulatorPath sim;

    @Test
    void theControlPlaneAndTheSimulatorSeeAndPlanTheSame() {
        try {
            script();
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void anElasticJobResizedOnBothPathsLooksTheSameAfterwards() {
        try {
            elasticScript();
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void withTheGittinsOrderBothPathsLearnTheSameOutlooksAndPlanTheSame() {
        policy = Policies.gittins(0);
        view = new ControlView(policy.order(), DurationKnowledge.forOrder(policy.order()), ControlMetrics.NONE);
        try {
            gittinsScript();
        } finally {
            kit.shutdownTestKit();
        }
    }

    /**
     * Jobs without estimates of their own: what the order sees of them (the estimate and the
     * outlook) is what each path learned from the jobs that finished before, and a control
     * plane started afresh from the finished records sees the same as the one that watched them.
     */
    private void gittinsScript() {
        startBothPaths();
        register(A, 0);
        register(B, 0);

        for (int i = 0; i < 7; i++) {
            submitUnestimated("train-" + i, "train", 1, i);
        }
        assertThat(pass(10).placements()).hasSize(7);
        sim.snapshot(T0 + 11); // both paths keep the same versions
        assertThat(view.snapshot(T0 + 11).running()).as("nothing finished yet: no group to learn from")
                .allMatch(job -> job.outlook().levels().isEmpty());
        for (int i = 0; i < 6; i++) {
            exit("train-" + i, 100L * (i + 1) + 10);
            pass(100L * (i + 1) + 20);
        }

        submitUnestimated("wide", "sweep", 8, 700);
        submitUnestimated("train-7", "train", 1, 701);
        submitUnestimated("probe", "eval", 2, 702);
        PendingJob train = view.queued(view.job(JobId.of("train-7")));
        assertThat(train.outlook().levels()).as("its own group and its coarser ones learned six runs").hasSize(4);
        assertThat(train.estimatedSeconds()).as("the learned median, not the default hour").isLessThan(3600);
        assertThat(view.queued(view.job(JobId.of("probe"))).outlook().levels())
                .as("an unseen name and width: only all jobs are known").hasSize(1);
        Plan placing = pass(710);
        assertThat(placing.placements()).extracting(Placement::job).contains(JobId.of("train-7"), JobId.of("probe"));
        assertThat(placing.placements()).extracting(Placement::job).doesNotContain(JobId.of("wide"));
        // A restart: a new view recovers the live jobs, then learns from the finished records.
        ControlView restarted = new ControlView(policy.order(), DurationKnowledge.forOrder(policy.order()),
                ControlMetrics.NONE);
        restarted.setTenants(TENANTS);
        register(restarted, A, 900);
        register(restarted, B, 900);
        List<Job> finished = new ArrayList<>();
        events.forEach((id, history) -> {
            Job record = JobLifecycle.replay(id, history);
            if (record.state().isTerminal()) {
                finished.add(record);
            } else {
                restarted.update(record, time(900));
            }
        });
        finished.sort(java.util.Comparator.comparing(Job::finishedAt));
        restarted.learnFrom(finished);
        Snapshot before = view.snapshot(T0 + 900);
        Snapshot after = restarted.snapshot(T0 + 900);
        assertThat(after.queue().asList()).as("the queue with the outlooks learned before the restart")
                .isEqualTo(before.queue().asList());
        for (String queuedAfterTheLearning : List.of("train-7", "probe")) {
            JobId id = JobId.of(queuedAfterTheLearning);
            assertThat(outlookOf(after, id)).as(queuedAfterTheLearning + " running, as it was queued")
                    .isEqualTo(outlookOf(before, id)).isNotNull();
        }
    }

    private static DurationOutlook outlookOf(Snapshot snapshot, JobId id) {
        return snapshot.running().stream().filter(job -> job.id().equals(id)).findFirst()
                .map(RunningJob::outlook).orElse(null);
    }

    private void elasticScript() {
        startBothPaths();
        register(A, 0);

        submit("blocker", GpuRequest.fixed(2), 0, 0);
        assertThat(pass(5).placements()).hasSize(1);
        submit("elastic", GpuRequest.elastic(1, 4), 0, 6);
        assertThat(pass(10).placements()).hasSize(1);
        assertThat(view.job(JobId.of("elastic")).held.get(A).size()).as("as wide as the free GPUs allow").isEqualTo(2);

        exit("blocker", 100);
        Plan growing = pass(110);
        assertThat(growing.resizes()).extracting(Resize::newGpuCount).containsExactly(4);
        growing.resizes().forEach(resize -> resize(resize, 110));
        pass(120); // the same snapshots: the grown job with the service of its first attempt, from its restart

        submit("urgent", GpuRequest.fixed(2), 5, 200);
        Plan shrinking = pass(210);
        assertThat(shrinking.resizes()).extracting(Resize::newGpuCount).containsExactly(2);
        shrinking.resizes().forEach(resize -> resize(resize, 210));
        assertThat(view.queue().asList()).extracting(job -> job.id().value()).containsExactly("urgent");
        assertThat(pass(220).placements()).extracting(Placement::job).containsExactly(JobId.of("urgent"));
        pass(230);
    }

    private void script() {
        startBothPaths();
        register(A, 0);
        register(B, 0);

        submit("small", 2, 0, 0);
        submit("wide", 4, 0, 1);
        submit("other", 2, 0, 2);
        Plan first = pass(10);
        assertThat(first.placements()).hasSize(3);

        exit("other", 100);
        pass(110); // nothing waits: an empty plan on both paths

        submit("urgent", 4, 5, 200);
        Plan preempting = pass(210);
        assertThat(preempting.preemptions()).as("the higher priority makes room: " + preempting.explanations()).isNotEmpty();
        preempting.preemptions().stream().map(Preemption::victim).forEach(victim -> suspendAndRequeue(victim, 210));
        assertThat(view.queue().asList()).as("victims wait again, with the service they had")
                .allMatch(job -> job.id().equals(JobId.of("urgent")) || job.attainedGpuSeconds() == job.gpus().min() * 200);
        Plan placing = pass(220);
        assertThat(placing.placements()).extracting(Placement::job).contains(JobId.of("urgent"));

        NodeId lost = view.job(JobId.of("urgent")).held.keySet().iterator().next();
        loseNode(lost, 300);
        assertThat(view.queued(view.job(JobId.of("urgent"))).attainedGpuSeconds())
                .as("requeued from the lost node with the service it had").isEqualTo(4 * (300 - 220));
        pass(310);
        assertThat(view.snapshot(320).running()).allMatch(job -> !job.allocation().containsKey(lost));
    }

    // ---- the two paths, step by step ----------------------------------------------------------

    /** One tenant guaranteed 8 GPUs and allowed 16, on both paths; the simulator's side from the script's own values. */
    private void startBothPaths() {
        view.setTenants(TENANTS);
        sim = new SimulatorPath(policy.order(),
                QuotaBook.of(Map.of(new TenantPool(VISION, PoolId.DEFAULT), new PoolQuota(8, 16))));
    }

    private void register(NodeId id, long at) {
        register(view, id, at);
        GpuSet all = GpuSet.of(List.of(0, 1, 2, 3));
        sim.addNode(new NodeView(id, PoolId.DEFAULT, "Test-GPU", 81_920, Map.of(), true, all, all));
    }

    private void register(ControlView into, NodeId id, long at) {
        List<GpuDevice> gpus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gpus.add(new GpuDevice(i, "Test-GPU", 81_920, true));
        }
        NodeInfo info = new NodeInfo(id, PoolId.DEFAULT, gpus, Map.of(), NodeStatus.READY);
        into.nodeReported(info, kit.<AgentCommand>createTestProbe().ref(), Instant.ofEpochSecond(T0 + at));
    }

    /** A job named {@code name} that gives no estimate: both paths ask what they learned. */
    private void submitUnestimated(String id, String name, int gpus, long at) {
        JobSpec spec = JobSpec.builder(name, GpuRequest.fixed(gpus), SimulatedWorkload.ofSeconds(60)).tenant(VISION)
                .checkpoint(CheckpointPolicy.ofSeconds(30)).build();
        submit(JobId.of(id), spec, at);
    }

    private void submit(String name, int gpus, int priority, long at) {
        submit(name, GpuRequest.fixed(gpus), priority, at);
    }

    private void submit(String name, GpuRequest gpus, int priority, long at) {
        JobId id = JobId.of(name);
        JobSpec spec = JobSpec.builder(name, gpus, SimulatedWorkload.ofSeconds(60)).tenant(VISION)
                .priority(priority).estimatedDuration(Duration.ofHours(gpus.min())).checkpoint(CheckpointPolicy.ofSeconds(30))
                .build();
        submit(id, spec, at);
    }

    private void submit(JobId id, JobSpec spec, long at) {
        specs.put(id, spec);
        submittedAt.put(id, T0 + at);
        record(id, new JobEvent.Submitted(StoredSpec.of(spec), null, time(at)));
        sim.submit(id, spec, T0 + at);
    }

    /** A pass on each path: the same snapshot in, the same plan out; each path then applies it its way. */
    private Plan pass(long at) {
        long now = T0 + at;
        Snapshot production = view.snapshot(now);
        Snapshot simulated = sim.snapshot(now);
        assertSame(production, simulated);
        Plan plan = policy.plan(production);
        Plan simPlan = policy.plan(simulated);
        assertThat(simPlan.placements()).isEqualTo(plan.placements());
        assertThat(simPlan.preemptions()).isEqualTo(plan.preemptions());
        assertThat(simPlan.resizes()).isEqualTo(plan.resizes());
        assertThat(simPlan.explanations()).isEqualTo(plan.explanations());

        for (Placement placement : plan.placements()) { // as the scheduler actor: reserve, persist, start
            int attempt = view.job(placement.job()).record.attempt() + 1;
            if (view.reserve(placement, attempt, now)) {
                record(placement.job(), new JobEvent.Scheduled(attempt, Allocations.toLists(placement.allocation()),
                        time(at)));
                record(placement.job(), new JobEvent.Started(attempt, time(at)));
            }
        }
        sim.apply(plan, specs, submittedAt, now);
        return plan;
    }

    private void exit(String name, long at) {
        JobId id = JobId.of(name);
        TrackedJob job = view.job(id);
        int attempt = job.record.attempt();
        job.held.keySet().forEach(node -> job.partExited(attempt, node));
        view.workloadsGone(job);
        record(id, new JobEvent.Finished(attempt, JobState.SUCCEEDED, 0, null, time(at)));
        sim.exit(id, specs.get(id), T0 + at);
    }

    /** The control plane's side of a preemption: suspended, its workloads gone, requeued; the simulator's happened in apply. */
    private void suspendAndRequeue(JobId id, long at) {
        TrackedJob job = view.job(id);
        int attempt = job.record.attempt();
        record(id, new JobEvent.SuspendRequested(attempt, "preempted", time(at)));
        job.held.keySet().forEach(node -> job.partExited(attempt, node));
        view.workloadsGone(job);
        record(id, new JobEvent.Requeued(attempt, "preempted", false, time(at)));
    }

    /**
     * The control plane's side of a resize, as the scheduler actor and the agent play it: the
     * gained GPUs booked, the resize persisted, the old attempt gone, the next one placed and
     * started on the new GPUs; the simulator's happened in apply.
     */
    private void resize(Resize resize, long at) {
        TrackedJob job = view.job(resize.job());
        int attempt = job.record.attempt();
        assertThat(view.reserveResize(resize)).isTrue();
        Map<NodeId, List<Integer>> to = Allocations.toLists(resize.to());
        record(resize.job(), new JobEvent.ResizeRequested(attempt, to, resize.reason(), time(at)));
        job.held.keySet().forEach(node -> job.partExited(attempt, node));
        view.workloadsGone(job);
        record(resize.job(), new JobEvent.Resized(attempt + 1, to, resize.reason(), time(at)));
        record(resize.job(), new JobEvent.Started(attempt + 1, time(at)));
    }

    private void loseNode(NodeId node, long at) {
        view.setStatus(node, NodeStatus.LOST);
        for (TrackedJob job : view.jobsOn(node)) {
            record(job.id(), new JobEvent.Requeued(job.record.attempt(), "node lost", false, time(at)));
        }
        sim.loseNode(node, specs, submittedAt, T0 + at);
    }

    private void record(JobId id, JobEvent event) {
        List<JobEvent> history = events.computeIfAbsent(id, job -> new ArrayList<>());
        history.add(event);
        view.update(JobLifecycle.replay(id, history), event.at());
    }

    private static Instant time(long at) {
        return Instant.ofEpochSecond(T0 + at);
    }

    private static void assertSame(Snapshot production, Snapshot simulated) {
        assertThat(simulated.version()).isEqualTo(production.version());
        assertThat(simulated.nodes()).as("nodes, with their free GPUs").isEqualTo(production.nodes());
        assertThat(List.copyOf(simulated.running()))
                .as("running jobs, with attained service and checkpoint interval, by estimated end")
                .isEqualTo(List.copyOf(production.running()));
        assertThat(simulated.queue().asList()).as("the queue, in order").isEqualTo(production.queue().asList());
        assertThat(simulated.usage()).isEqualTo(production.usage());
        assertThat(simulated.quotas()).isEqualTo(production.quotas());
    }
}

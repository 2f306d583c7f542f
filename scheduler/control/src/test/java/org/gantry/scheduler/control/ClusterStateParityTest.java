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
import org.gantry.scheduler.policy.GpuSet;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Placement;
import org.gantry.scheduler.policy.Plan;
import org.gantry.scheduler.policy.Preemption;
import org.gantry.scheduler.policy.Resize;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.Snapshot;
import org.gantry.scheduler.policy.state.AppliedPlan;
import org.gantry.scheduler.policy.state.ClusterState;
import org.gantry.scheduler.policy.state.DurationKnowledge;
import org.gantry.scheduler.policy.state.PlanApplier;
import org.gantry.scheduler.predict.DurationOutlook;
import org.gantry.scheduler.sim.ClusterShape;
import org.gantry.scheduler.sim.QuotaMode;
import org.gantry.scheduler.sim.SimPolicy;
import org.gantry.scheduler.sim.SimulatedCluster;
import org.gantry.scheduler.sim.SimulationConfig;
import org.gantry.scheduler.sim.TraceJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One script of arrivals, exits, preemptions and a node loss, played by the simulator's own
 * event handling ({@link SimulatedCluster}: its passes, plans applied through the one
 * {@link PlanApplier}) and followed by the control plane's path (job records as the entities
 * persist them, into {@link ControlView}): at every pass the simulator makes, the control plane
 * must show the policy the same snapshot and so get the same plan.
 *
 * <p>The simulator is configured as production's jobs are: no checkpoints and no restart
 * overhead (so a requeued job is told its whole estimate again, as production tells it), nodes
 * {@code node-0..} of 4 GPUs, and the quotas the control plane derives from its tenants.
 */
class ClusterStateParityTest {
    private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    private static final TenantId VISION = TenantId.of("vision");
    private static final TenantId SPEECH = TenantId.of("speech");
    private static final Map<TenantId, TenantSpec> TENANTS = Map.of(
            VISION, new TenantSpec(VISION, Map.of(PoolId.DEFAULT, new PoolQuota(4, 8))),
            SPEECH, new TenantSpec(SPEECH, Map.of(PoolId.DEFAULT, new PoolQuota(4, 8))));
    private static final int NODES = 2;
    private static final int GPUS_PER_NODE = 4;

    private final ActorTestKit kit = ActorTestKit.create();
    private final Map<JobId, List<JobEvent>> events = new HashMap<>();
    private SimPolicy policy;
    private ControlView view;
    private SimulatedCluster sim;
    /** Passes both paths made, and the decisions in them, to show the script exercised what it claims. */
    private int passes;
    private final List<Preemption> preempted = new ArrayList<>();

    @AfterEach
    void stopKit() {
        kit.shutdownTestKit();
    }

    @Test
    void theControlPlaneFollowsTheSimulatorThroughPreemptionsAndANodeLoss() {
        startBothPaths("gantry");
        at(0, job("a", VISION, 4, 5_000), job("b", VISION, 2, 100), job("c", VISION, 2, 6_000));
        assertThat(running()).as("vision borrows the whole idle cluster").hasSize(3);
        at(100); // b ends
        at(150, job("d", VISION, 2, 50));
        at(200, job("s", SPEECH, 4, 4_000)); // d ends; speech's guarantee reclaims what vision borrows
        assertThat(preempted).as("the guarantee made room").isNotEmpty();
        assertThat(running()).contains(JobId.of("s"));

        NodeId lost = view.job(JobId.of("s")).held.keySet().iterator().next();
        loseNodeAt(300, lost);
        assertThat(view.queued(view.job(JobId.of("s"))).attainedGpuSeconds())
                .as("requeued from the lost node with the service it had").isEqualTo(4 * (300 - 200));
        at(300);
        assertThat(view.snapshot(T0 + 310).running()).allMatch(job -> !job.allocation().containsKey(lost));
        assertThat(sim.snapshot(T0 + 310).running()).allMatch(job -> !job.allocation().containsKey(lost));
        at(400, job("e", SPEECH, 1, 30));
        at(430);
        assertSame(view.snapshot(T0 + 500), sim.snapshot(T0 + 500));
        assertThat(passes).isGreaterThanOrEqualTo(6);
    }

    /**
     * Jobs without estimates of their own: what the order sees of them (the estimate and the
     * outlook) is what each path learned from the jobs that finished before, and a control
     * plane started afresh from the finished records sees the same as the one that watched them.
     */
    @Test
    void withTheGittinsOrderBothPathsLearnTheSameOutlooksAndPlanTheSame() {
        startBothPaths("gittins");
        for (int i = 0; i < 6; i++) {
            at(i, job("train-" + i, "train", VISION, 1, 100L * (i + 1)));
        }
        at(6, job("train-6", "train", VISION, 1, 50_000));
        assertThat(view.snapshot(T0 + 7).running()).as("nothing finished yet: no group to learn from")
                .allMatch(job -> job.outlook().levels().isEmpty());
        sim.snapshot(T0 + 7); // both paths keep the same versions
        for (int i = 0; i < 6; i++) {
            at(i + 100L * (i + 1)); // train-i ends
        }

        at(700, job("wide", "sweep", VISION, 8, 1_000), job("train-7", "train", VISION, 1, 500),
                job("probe", "eval", VISION, 2, 500));
        assertThat(running()).contains(JobId.of("train-7"), JobId.of("probe")).doesNotContain(JobId.of("wide"));
        Snapshot before = view.snapshot(T0 + 900);
        sim.snapshot(T0 + 900);
        PendingJob wide = before.queue().asList().get(0);
        assertThat(wide.outlook().levels()).as("an unseen name and width: only all jobs are known").hasSize(1);
        RunningJob train = before.running().stream().filter(job -> job.id().equals(JobId.of("train-7")))
                .findFirst().orElseThrow();
        assertThat(train.outlook().levels()).as("its own group and its coarser ones learned six runs").hasSize(4);
        assertThat(train.estimatedEnd() - train.allocatedAt()).as("the learned median, not the default hour")
                .isLessThan(3600);

        // A restart: a new view recovers the live jobs, then learns from the finished records.
        ControlView restarted = new ControlView(policy.policy().order(),
                DurationKnowledge.forOrder(policy.policy().order()), ControlMetrics.NONE);
        restarted.setTenants(TENANTS);
        registerNodes(restarted, 900);
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
        Snapshot again = view.snapshot(T0 + 901);
        Snapshot after = restarted.snapshot(T0 + 901);
        assertThat(after.queue().asList()).as("the queue with the outlooks learned before the restart")
                .isEqualTo(again.queue().asList());
        for (String queuedAfterTheLearning : List.of("train-7", "probe")) {
            JobId id = JobId.of(queuedAfterTheLearning);
            assertThat(outlookOf(after, id)).as(queuedAfterTheLearning + " running, as it was queued")
                    .isEqualTo(outlookOf(again, id)).isNotNull();
        }
    }

    /**
     * Elastic jobs (which traces do not have): a plan applied at once through {@link PlanApplier}
     * on a bare {@link ClusterState}, and the control plane's resize by way of its entity and
     * agent, leave the same state behind.
     */
    @Test
    void anElasticJobResizedOnBothPathsLooksTheSameAfterwards() {
        policy = SimPolicy.named("gantry", 0);
        view = new ControlView(policy.policy().order(), DurationKnowledge.forOrder(policy.policy().order()),
                ControlMetrics.NONE);
        view.setTenants(Map.of(VISION, new TenantSpec(VISION, Map.of(PoolId.DEFAULT, new PoolQuota(8, 16)))));
        NodeInfo node = nodeInfo(0);
        view.nodeReported(node, kit.<AgentCommand>createTestProbe().ref(), time(T0));
        ClusterState bare = new ClusterState(policy.policy().order());
        bare.setQuotas(view.quotas());
        GpuSet all = GpuSet.firstN(GPUS_PER_NODE);
        bare.putNode(new NodeView(node.id(), PoolId.DEFAULT, "sim", 81_920, Map.of(), true, all, all));
        Map<JobId, JobSpec> specs = new HashMap<>();
        PlanApplier.Terms terms = new PlanApplier.Terms(job -> specs.get(job.id()).checkpoint().intervalSeconds(),
                (victim, now) -> {
                    throw new AssertionError("nothing is preempted in this script: " + victim.id());
                });
        java.util.function.BiConsumer<String, GpuRequest> submitBoth = (name, gpus) -> {
            int priority = name.equals("urgent") ? 5 : 0;
            JobSpec spec = JobSpec.builder(name, gpus, SimulatedWorkload.ofSeconds(60)).tenant(VISION)
                    .priority(priority).estimatedDuration(Duration.ofHours(gpus.min()))
                    .checkpoint(CheckpointPolicy.ofSeconds(30)).build();
            JobId id = JobId.of(name);
            specs.put(id, spec);
            record(id, new JobEvent.Submitted(StoredSpec.of(spec), null, time(T0)));
            bare.enqueue(view.queued(view.job(id)));
        };
        java.util.function.LongFunction<Plan> pass = at -> {
            long now = T0 + at;
            Snapshot production = view.snapshot(now);
            assertSame(production, bare.snapshot(now));
            Plan plan = policy.policy().plan(production);
            AppliedPlan applied = PlanApplier.apply(bare, plan, now, terms);
            assertThat(applied.refused()).isEmpty();
            for (Placement placement : plan.placements()) {
                int attempt = view.job(placement.job()).record.attempt() + 1;
                assertThat(view.reserve(placement, attempt, now)).isTrue();
                record(placement.job(), new JobEvent.Scheduled(attempt, Allocations.toLists(placement.allocation()),
                        time(now)));
                record(placement.job(), new JobEvent.Started(attempt, time(now)));
            }
            plan.resizes().forEach(resize -> resize(resize, now));
            return plan;
        };

        submitBoth.accept("blocker", GpuRequest.fixed(2));
        assertThat(pass.apply(5).placements()).hasSize(1);
        submitBoth.accept("elastic", GpuRequest.elastic(1, 4));
        assertThat(pass.apply(10).placements()).hasSize(1);
        assertThat(view.job(JobId.of("elastic")).held.get(node.id()).size()).as("as wide as the free GPUs allow")
                .isEqualTo(2);

        exit(JobId.of("blocker"), T0 + 100);
        bare.release(JobId.of("blocker"));
        assertThat(pass.apply(110).resizes()).extracting(Resize::newGpuCount).containsExactly(4);
        pass.apply(120); // the same snapshots: the grown job with the service of its first attempt, from its restart

        submitBoth.accept("urgent", GpuRequest.fixed(2));
        assertThat(pass.apply(210).resizes()).extracting(Resize::newGpuCount).containsExactly(2);
        assertThat(view.queue().asList()).extracting(job -> job.id().value()).containsExactly("urgent");
        assertThat(pass.apply(220).placements()).extracting(Placement::job).containsExactly(JobId.of("urgent"));
        pass.apply(230);
    }

    /**
     * The control plane's side of a resize, as the scheduler actor and the agent play it: the
     * gained GPUs booked, the resize persisted, the old attempt gone, the next one placed and
     * started on the new GPUs.
     */
    private void resize(Resize resize, long now) {
        TrackedJob job = view.job(resize.job());
        int attempt = job.record.attempt();
        assertThat(view.reserveResize(resize)).isTrue();
        Map<NodeId, List<Integer>> to = Allocations.toLists(resize.to());
        record(resize.job(), new JobEvent.ResizeRequested(attempt, to, resize.reason(), time(now)));
        job.held.keySet().forEach(node -> job.partExited(attempt, node));
        view.workloadsGone(job);
        record(resize.job(), new JobEvent.Resized(attempt + 1, to, resize.reason(), time(now)));
        record(resize.job(), new JobEvent.Started(attempt + 1, time(now)));
    }

    // ---- the script: the simulator's events, followed by the control plane ---------------------

    private void startBothPaths(String policyName) {
        policy = SimPolicy.named(policyName, 0);
        view = new ControlView(policy.policy().order(), DurationKnowledge.forOrder(policy.policy().order()),
                ControlMetrics.NONE);
        view.setTenants(TENANTS);
        registerNodes(view, 0);
        SimulationConfig config = new SimulationConfig(new ClusterShape(NODES, GPUS_PER_NODE), QuotaMode.NONE, 0, 0, 0);
        sim = SimulatedCluster.of(config, policy, view.quotas());
    }

    /** One instant as the simulator plays it: runs end, jobs arrive, then it schedules; the control plane follows. */
    private void at(long at, TraceJob... arrivals) {
        long now = T0 + at;
        for (JobId ended : sim.finishDue(now)) {
            exit(ended, now);
        }
        for (TraceJob arrival : arrivals) {
            TraceJob job = new TraceJob(arrival.id(), arrival.tenant(), arrival.name(), now, arrival.durationSeconds(),
                    arrival.gpus());
            submit(job);
            sim.arrive(job);
        }
        sim.schedule(now, (simulated, plan) -> followPass(simulated, plan, now));
    }

    private void loseNodeAt(long at, NodeId node) {
        long now = T0 + at;
        List<JobId> requeued = sim.loseNode(node, now).stream().map(PendingJob::id).toList();
        view.setStatus(node, NodeStatus.LOST);
        List<JobId> there = view.jobsOn(node).stream().map(TrackedJob::id).toList();
        assertThat(there).containsExactlyInAnyOrderElementsOf(requeued);
        for (JobId id : there) {
            record(id, new JobEvent.Requeued(view.job(id).record.attempt(), "node lost", false, time(now)));
        }
    }

    /** The simulator is about to apply {@code plan}: the control plane sees and plans the same, then acts on it. */
    private void followPass(Snapshot simulated, Plan plan, long now) {
        Snapshot production = view.snapshot(now);
        assertSame(production, simulated);
        Plan productionPlan = policy.policy().plan(production);
        assertThat(productionPlan.placements()).isEqualTo(plan.placements());
        assertThat(productionPlan.preemptions()).isEqualTo(plan.preemptions());
        assertThat(productionPlan.resizes()).isEqualTo(plan.resizes());
        assertThat(productionPlan.explanations()).isEqualTo(plan.explanations());
        passes++;
        preempted.addAll(plan.preemptions());
        plan.preemptions().forEach(preemption -> suspendAndRequeue(preemption.victim(), now));
        for (Placement placement : plan.placements()) { // as the scheduler actor: reserve, persist, start
            int attempt = view.job(placement.job()).record.attempt() + 1;
            assertThat(view.reserve(placement, attempt, now)).as("placement of " + placement.job()).isTrue();
            record(placement.job(), new JobEvent.Scheduled(attempt, Allocations.toLists(placement.allocation()),
                    time(now)));
            record(placement.job(), new JobEvent.Started(attempt, time(now)));
        }
    }

    private List<JobId> running() {
        return view.holding().stream().map(RunningJob::id).toList();
    }

    private static TraceJob job(String id, TenantId tenant, int gpus, long durationSeconds) {
        return job(id, id, tenant, gpus, durationSeconds);
    }

    /** A trace job, submitted at the instant it is played; its name groups it for the duration predictor. */
    private static TraceJob job(String id, String name, TenantId tenant, int gpus, long durationSeconds) {
        return new TraceJob(id, tenant.value(), name, 0, durationSeconds, gpus);
    }

    // ---- the control plane's side ------------------------------------------------------------

    private void registerNodes(ControlView into, long at) {
        for (int n = 0; n < NODES; n++) {
            into.nodeReported(nodeInfo(n), kit.<AgentCommand>createTestProbe().ref(), time(T0 + at));
        }
    }

    /** A node as the simulator makes them: {@code node-n}, GPUs of model "sim" with 80 GiB each. */
    private static NodeInfo nodeInfo(int n) {
        List<GpuDevice> gpus = new ArrayList<>();
        for (int i = 0; i < GPUS_PER_NODE; i++) {
            gpus.add(new GpuDevice(i, "sim", 81_920, true));
        }
        return new NodeInfo(NodeId.of("node-" + n), PoolId.DEFAULT, gpus, Map.of(), NodeStatus.READY);
    }

    /** Submitted as the trace job says, with no estimate or checkpoints of its own, like a trace job. */
    private void submit(TraceJob job) {
        JobSpec spec = JobSpec.builder(job.name(), GpuRequest.fixed(job.gpus()),
                SimulatedWorkload.ofSeconds(job.durationSeconds())).tenant(TenantId.of(job.tenant())).build();
        JobId id = JobId.of(job.id());
        assertThat(events).doesNotContainKey(id);
        record(id, new JobEvent.Submitted(StoredSpec.of(spec), null, time(job.submitSeconds())));
    }

    private void exit(JobId id, long now) {
        TrackedJob job = view.job(id);
        int attempt = job.record.attempt();
        job.held.keySet().forEach(node -> job.partExited(attempt, node));
        view.workloadsGone(job);
        record(id, new JobEvent.Finished(attempt, JobState.SUCCEEDED, 0, null, time(now)));
    }

    /** Suspended, its workloads gone, requeued: the control plane's preemption, which the simulator applies at once. */
    private void suspendAndRequeue(JobId id, long now) {
        TrackedJob job = view.job(id);
        int attempt = job.record.attempt();
        record(id, new JobEvent.SuspendRequested(attempt, "preempted", time(now)));
        job.held.keySet().forEach(node -> job.partExited(attempt, node));
        view.workloadsGone(job);
        record(id, new JobEvent.Requeued(attempt, "preempted", false, time(now)));
    }

    private void record(JobId id, JobEvent event) {
        List<JobEvent> history = events.computeIfAbsent(id, job -> new ArrayList<>());
        history.add(event);
        view.update(JobLifecycle.replay(id, history), event.at());
    }

    private static Instant time(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds);
    }

    private static DurationOutlook outlookOf(Snapshot snapshot, JobId id) {
        return snapshot.running().stream().filter(job -> job.id().equals(id)).findFirst()
                .map(RunningJob::outlook).orElse(null);
    }

    static void assertSame(Snapshot production, Snapshot simulated) {
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

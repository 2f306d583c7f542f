package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.QuotaMath;
import org.gantry.quota.TenantPool;
import org.gantry.scheduler.policy.order.GittinsIndex;
import org.gantry.scheduler.policy.place.NodeFilter;

/**
 * The policy's invariants, each checked on 1,000 seeded random clusters (see {@link RandomScenarios}):
 * half under the production pipeline, the rest spread over every shipped policy. A failure names
 * the policy and seed, which rebuild the case exactly.
 */
class PolicyProperties {
    private static final int TRIES = 1000;
    private static final String CASES = "org.gantry.scheduler.policy.PolicyProperties#cases";

    /** One generated case: a policy and the snapshot it plans on. */
    record Case(SchedulingPolicy policy, Snapshot snapshot) {
        Plan plan() {
            return policy.plan(snapshot);
        }

        @Override
        public String toString() {
            return policy.name() + " on seed " + snapshot.version();
        }
    }

    static Stream<Case> cases() {
        List<String> names = Policies.names();
        return LongStream.range(0, TRIES).mapToObj(seed -> {
            // Half the cases run the production pipeline, the only one that preempts and resizes.
            String name = seed % 2 == 0 ? "gantry" : names.get((int) (seed / 2 % names.size()));
            return new Case(policy(name), RandomScenarios.snapshot(seed, policy(name).order()));
        });
    }

    private static SchedulingPolicy policy(String name) {
        return name.equals("gantry")
                ? Policies.gantry(Policies.DEFAULT_AGING_RATE, RandomScenarios.MIN_RUN_SECONDS)
                : Policies.named(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void noGpuIsAllocatedTwice(Case c) {
        Plan plan = c.plan();
        var holder = new HashMap<String, JobId>();
        for (RunningJob running : c.snapshot().running()) {
            Map<NodeId, GpuSet> now = resizedTo(plan, running.id(), running.allocation());
            now.forEach((node, gpus) -> claim(holder, node, gpus, running.id()));
            // GPUs a shrink gives back stay with the job until it restarts; they must not be handed out in this pass.
            running.allocation().forEach((node, gpus) -> claim(holder, node, gpus.minus(now.getOrDefault(node,
                    GpuSet.EMPTY)), running.id()));
        }
        plan.placements().forEach(p -> p.allocation().forEach((node, gpus) -> claim(holder, node, gpus, p.job())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void capacityIsNeverExceededAndNewWorkLandsOnlyWhereItMayRun(Case c) {
        Plan plan = c.plan();
        Map<NodeId, NodeView> nodes = nodesById(c.snapshot());
        Map<JobId, PendingJob> pending = pendingById(c.snapshot());
        for (Placement placement : plan.placements()) {
            PendingJob job = pending.get(placement.job());
            placement.allocation().forEach((id, gpus) -> {
                NodeView node = nodes.get(id);
                assertThat(node.schedulable()).as("%s placed on unschedulable %s", job.id(), id).isTrue();
                assertThat(node.pool()).as("%s placed outside its pool", job.id()).isEqualTo(job.owner().pool());
                assertThat(NodeFilter.matches(job.constraints(), node)).as("%s constraints on %s", job.id(), id).isTrue();
                assertThat(node.free().containsAll(gpus)).as("%s takes GPUs %s not free on %s", job.id(), gpus, id)
                        .isTrue();
            });
        }
        for (Resize resize : plan.resizes()) {
            resize.to().forEach((id, gpus) -> assertThat(nodes.get(id).gpus().containsAll(gpus)).isTrue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void aGangIsPlacedWholeOrNotAtAll(Case c) {
        Plan plan = c.plan();
        Map<NodeId, NodeView> nodes = nodesById(c.snapshot());
        Map<JobId, PendingJob> pending = pendingById(c.snapshot());
        for (Placement placement : plan.placements()) {
            PendingJob job = pending.get(placement.job());
            assertThat(placement.gpuCount()).as("size of %s", job.id())
                    .isBetween(job.gpus().min(), job.gpus().max());
            if (placement.allocation().size() > 1) {
                int largestNode = placement.allocation().keySet().stream()
                        .mapToInt(id -> nodes.get(id).capacity()).max().orElseThrow();
                assertThat(placement.gpuCount()).as("%s spans nodes though it fits on one", job.id())
                        .isGreaterThan(largestNode);
                placement.allocation().keySet().forEach(id -> assertThat(nodes.get(id).free())
                        .as("%s takes node %s that was not wholly free", job.id(), id).isEqualTo(nodes.get(id).gpus()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void tenantsStayWithinTheirLimitsAndGuaranteedUseWithinTheGuarantee(Case c) {
        Plan plan = c.plan();
        Map<TenantPool, Integer> before = c.snapshot().usage().asMap();
        Map<TenantPool, Integer> after = usageAfter(c.snapshot(), plan);
        after.forEach((tenantPool, used) -> {
            PoolQuota quota = c.snapshot().quotas().quota(tenantPool);
            assertThat(used).as("%s holds more than its limit", tenantPool)
                    .isLessThanOrEqualTo(Math.max(quota.limit(), before.getOrDefault(tenantPool, 0)));
            assertThat(QuotaMath.guaranteedPart(quota, used)).isLessThanOrEqualTo(quota.guaranteed());
        });
        for (Placement placement : plan.placements()) {
            PendingJob job = pendingById(c.snapshot()).get(placement.job());
            if (!job.preemptible()) {
                assertThat(placement.borrowing()).as("non-preemptible %s borrowed", job.id()).isFalse();
            }
        }
    }

    /**
     * Borrowing only uses capacity no guarantee needs: guaranteed work gets its pick before anyone
     * borrows, so taking every job that borrowed out of the queue changes nothing guaranteed work got.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void borrowingNeverDisplacesGuaranteedWork(Case c) {
        Plan plan = c.plan();
        Set<JobId> borrowers = plan.placements().stream().filter(Placement::borrowing).map(Placement::job)
                .collect(Collectors.toSet());
        if (borrowers.isEmpty()) {
            return;
        }
        Snapshot snapshot = c.snapshot();
        List<PendingJob> withoutBorrowers = snapshot.queue().asList().stream()
                .filter(job -> !borrowers.contains(job.id())).toList();
        Snapshot alone = new Snapshot(snapshot.version(), snapshot.now(), snapshot.nodes(), snapshot.running(),
                IncrementalPendingQueue.of(c.policy().order(), withoutBorrowers), snapshot.quotas(), snapshot.usage());
        Plan guaranteedAlone = c.policy().plan(alone);
        // Elastic jobs may end up wider or narrower on their node, depending on what borrowers left idle.
        assertThat(guaranteedNodes(plan)).as("guaranteed placements with and without the borrowers")
                .isEqualTo(guaranteedNodes(guaranteedAlone));
    }

    private static Map<JobId, Set<NodeId>> guaranteedNodes(Plan plan) {
        return plan.placements().stream().filter(p -> !p.borrowing())
                .collect(Collectors.toMap(Placement::job, p -> p.allocation().keySet()));
    }

    private static final GittinsIndex GITTINS = new GittinsIndex();

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void onlyBorrowedOrSameTenantLowerPriorityWorkIsPreempted(Case c) {
        Plan plan = c.plan();
        if (c.policy().name().equals("las")) {
            return; // Tiresias' baseline preempts by attained service alone; every quota-aware policy obeys this
        }
        Map<JobId, RunningJob> running = runningById(c.snapshot());
        Map<JobId, PendingJob> pending = pendingById(c.snapshot());
        for (Preemption preemption : plan.preemptions()) {
            RunningJob victim = running.get(preemption.victim());
            PendingJob beneficiary = pending.get(preemption.beneficiary());
            assertThat(victim.preemptible() && !victim.suspending()).isTrue();
            assertThat(c.snapshot().now() - victim.allocatedAt()).as("thrash: %s", victim.id())
                    .isGreaterThanOrEqualTo(RandomScenarios.MIN_RUN_SECONDS);
            boolean sameTenant = victim.owner().tenant().equals(beneficiary.owner().tenant());
            // Within a tenant: a lower priority, or (gantry's tiers) more GPU service already received.
            boolean sameTenantLowerPriority = sameTenant && (victim.priority() < beneficiary.priority()
                    || victim.attainedAt(c.snapshot().now()) > beneficiary.attainedGpuSeconds());
            boolean victimBorrowed = c.snapshot().usage().borrowed(victim.owner(), c.snapshot().quotas()) > 0;
            // gittins with quotas off (every guarantee unlimited): anyone's work, by rank alone
            boolean quotasOffByRank = c.policy().name().equals("gittins")
                    && c.snapshot().quotas().quota(victim.owner()).guaranteed() == PoolQuota.UNLIMITED
                    && GITTINS.rank(victim, c.snapshot().now()) > GITTINS.key(beneficiary);
            assertThat(sameTenantLowerPriority || victimBorrowed || quotasOffByRank)
                    .as("%s preempted for %s though it neither borrowed nor ranked lower", victim.id(), beneficiary.id())
                    .isTrue();
        }
        var disturbed = new HashSet<JobId>();
        plan.preemptions().forEach(p -> assertThat(disturbed.add(p.victim())).isTrue());
        plan.resizes().forEach(r -> assertThat(disturbed.add(r.job())).as("%s disturbed twice", r.job()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void elasticJobsStayWithinTheirRange(Case c) {
        Plan plan = c.plan();
        Map<JobId, RunningJob> running = runningById(c.snapshot());
        for (Resize resize : plan.resizes()) {
            RunningJob job = running.get(resize.job());
            assertThat(job.isElastic()).isTrue();
            assertThat(resize.newGpuCount()).isBetween(job.gpus().min(), job.gpus().max());
            assertThat(resize.from()).isEqualTo(job.allocation());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void everyJobLeftPendingHasAnExplanation(Case c) {
        Plan plan = c.plan();
        Set<JobId> placed = plan.placements().stream().map(Placement::job).collect(Collectors.toSet());
        for (PendingJob job : c.snapshot().queue()) {
            if (placed.contains(job.id())) {
                assertThat(plan.explanations()).as("placed %s explained as pending", job.id())
                        .doesNotContainKey(job.id());
            } else {
                Explanation why = plan.explain(job);
                assertThat(why.message()).as("why %s waits", job.id()).isNotBlank();
                if (why.reason() == PendingReason.RESERVED || why.reason() == PendingReason.AWAITING_RECLAIM) {
                    assertThat(why.estimatedStart()).isPresent();
                    assertThat(why.estimatedStart().getAsLong()).isGreaterThanOrEqualTo(c.snapshot().now());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void theSameInputGivesTheSamePlan(Case c) {
        Plan first = c.plan();
        SchedulingPolicy fresh = c.policy().name().equals("gantry")
                ? Policies.gantry(Policies.DEFAULT_AGING_RATE, RandomScenarios.MIN_RUN_SECONDS)
                : Policies.named(c.policy().name());
        Snapshot rebuilt = RandomScenarios.snapshot(c.snapshot().version(), fresh.order());
        assertThat(fresh.plan(rebuilt)).isEqualTo(first);
        assertThat(first.snapshotVersion()).isEqualTo(c.snapshot().version());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CASES)
    void backfillNeverDelaysTheReservedJob(Case c) {
        Plan plan = c.plan();
        Snapshot snapshot = c.snapshot();
        for (PendingJob job : snapshot.queue()) {
            Explanation why = plan.explain(job);
            if (why.reason() != PendingReason.RESERVED) {
                continue;
            }
            // Start the placed jobs, then ask again: the reserved job's earliest start must not move later.
            Snapshot next = afterPlacements(snapshot, plan);
            Explanation again = c.policy().plan(next).explain(job);
            if (again.reason() == PendingReason.RESERVED) {
                assertThat(again.estimatedStart().getAsLong()).as("reserved start of %s", job.id())
                        .isLessThanOrEqualTo(why.estimatedStart().getAsLong());
            }
        }
    }

    /** Guards the properties above against vacuous truth: the generated cases reach every stage. */
    @Test
    void generatedCasesReachEveryStage() {
        var reached = new HashMap<String, Integer>();
        cases().forEach(c -> {
            Plan plan = c.plan();
            boolean gantry = c.policy().name().equals("gantry");
            count(reached, "placements", !plan.placements().isEmpty());
            count(reached, "gangs", plan.placements().stream().anyMatch(p -> p.allocation().size() > 1));
            count(reached, "borrowing", plan.placements().stream().anyMatch(Placement::borrowing));
            count(reached, "gantry preemptions", gantry && !plan.preemptions().isEmpty());
            count(reached, "gantry resizes", gantry && !plan.resizes().isEmpty());
            count(reached, "reservations", plan.explanations().values().stream()
                    .anyMatch(e -> e.reason() == PendingReason.RESERVED));
            count(reached, "quota refusals", plan.explanations().values().stream()
                    .anyMatch(e -> e.reason() == PendingReason.QUOTA));
            count(reached, "head of line", plan.explanations().values().stream()
                    .anyMatch(e -> e.reason() == PendingReason.HEAD_OF_LINE)
                    || plan.notReached().reason() == PendingReason.HEAD_OF_LINE);
        });
        assertThat(reached).as("cases (of %d) that reach each stage", TRIES).allSatisfy((stage, count) ->
                assertThat(count).as(stage).isGreaterThanOrEqualTo(5));
        assertThat(reached).hasSize(8);
    }

    private static void count(Map<String, Integer> reached, String stage, boolean hit) {
        if (hit) {
            reached.merge(stage, 1, Integer::sum);
        }
    }

    private static void claim(Map<String, JobId> holder, NodeId node, GpuSet gpus, JobId job) {
        for (int gpu : gpus.indices()) {
            JobId previous = holder.putIfAbsent(node + "/" + gpu, job);
            assertThat(previous).as("GPU %s/%d given to %s and %s", node, gpu, previous, job).isNull();
        }
    }

    private static Map<NodeId, GpuSet> resizedTo(Plan plan, JobId job, Map<NodeId, GpuSet> current) {
        return plan.resizes().stream().filter(r -> r.job().equals(job)).findFirst().map(Resize::to).orElse(current);
    }

    /** Usage once the plan is applied: placements and resizes added, preempted jobs gone. */
    private static Map<TenantPool, Integer> usageAfter(Snapshot snapshot, Plan plan) {
        var usage = new HashMap<>(snapshot.usage().asMap());
        Map<JobId, RunningJob> running = runningById(snapshot);
        Map<JobId, PendingJob> pending = pendingById(snapshot);
        plan.placements().forEach(p -> usage.merge(pending.get(p.job()).owner(), p.gpuCount(), Integer::sum));
        plan.resizes().forEach(r -> usage.merge(running.get(r.job()).owner(), r.newGpuCount() - r.oldGpuCount(),
                Integer::sum));
        plan.preemptions().forEach(p -> usage.merge(running.get(p.victim()).owner(), -running.get(p.victim()).gpuCount(),
                Integer::sum));
        return usage;
    }

    /** The snapshot after the plan's placements started (nothing else applied). */
    private static Snapshot afterPlacements(Snapshot snapshot, Plan plan) {
        Map<JobId, PendingJob> pending = pendingById(snapshot);
        var running = new java.util.ArrayList<>(snapshot.running());
        var taken = new HashMap<NodeId, GpuSet>();
        var usage = new HashMap<>(snapshot.usage().asMap());
        for (Placement placement : plan.placements()) {
            PendingJob job = pending.get(placement.job());
            running.add(new RunningJob(job.id(), job.owner(), job.gpus(), placement.allocation(), job.priority(),
                    job.preemptible(), snapshot.now(), snapshot.now(), 0, snapshot.now() + job.estimatedSeconds(), false,
                    job.attainedGpuSeconds()));
            placement.allocation().forEach((node, gpus) -> taken.merge(node, gpus, GpuSet::union));
            usage.merge(job.owner(), placement.gpuCount(), Integer::sum);
        }
        running.sort(java.util.Comparator.comparingLong(RunningJob::estimatedEnd));
        List<NodeView> nodes = snapshot.nodes().stream()
                .map(n -> n.withFree(n.free().minus(taken.getOrDefault(n.id(), GpuSet.EMPTY)))).toList();
        Set<JobId> placed = plan.placements().stream().map(Placement::job).collect(Collectors.toSet());
        List<PendingJob> left = snapshot.queue().asList().stream().filter(j -> !placed.contains(j.id())).toList();
        return new Snapshot(snapshot.version() + 1, snapshot.now(), nodes, running,
                IncrementalPendingQueue.of(orderOf(snapshot), left), snapshot.quotas(),
                org.gantry.quota.UsageLedger.of(usage));
    }

    private static QueueOrder orderOf(Snapshot snapshot) {
        // The queue is already in order; keep that order by position.
        List<PendingJob> inOrder = snapshot.queue().asList();
        Map<JobId, Integer> position = new HashMap<>();
        for (int i = 0; i < inOrder.size(); i++) {
            position.put(inOrder.get(i).id(), i);
        }
        return new QueueOrder() {
            @Override
            public String name() {
                return "as-given";
            }

            @Override
            public double key(PendingJob job) {
                return position.get(job.id());
            }

            @Override
            public java.util.Comparator<PendingJob> comparator() {
                return java.util.Comparator.comparingDouble(this::key);
            }
        };
    }

    private static Map<NodeId, NodeView> nodesById(Snapshot snapshot) {
        return snapshot.nodes().stream().collect(Collectors.toMap(NodeView::id, Function.identity()));
    }

    private static Map<JobId, PendingJob> pendingById(Snapshot snapshot) {
        return snapshot.queue().asList().stream().collect(Collectors.toMap(PendingJob::id, Function.identity()));
    }

    private static Map<JobId, RunningJob> runningById(Snapshot snapshot) {
        return snapshot.running().stream().collect(Collectors.toMap(RunningJob::id, Function.identity()));
    }
}

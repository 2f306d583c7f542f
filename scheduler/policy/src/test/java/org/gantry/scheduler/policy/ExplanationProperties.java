package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gantry.api.job.JobId;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.scheduler.policy.place.NodeFilter;
import org.junit.jupiter.api.Test;

/**
 * Every pending job's reason, checked against the snapshot it was planned on, over seeded random
 * clusters (see {@link RandomScenarios}) and every shipped policy: the jobs a pass looked at and
 * the ones it skipped or never reached alike. A reason must be true of the job it is told to,
 * with that job's own numbers. A failure names the policy, seed and job, which rebuild the case.
 */
class ExplanationProperties {
    private static final int TRIES = 1500;
    private static final Pattern NEEDS = Pattern.compile("needs (\\d+) GPUs");
    private static final Pattern ABOVE_LIMIT = Pattern.compile(
            "^tenant holds (\\d+) GPUs; (\\d+) more would exceed its limit of (\\d+)");
    private static final Pattern BORROW = Pattern.compile("^would borrow (\\d+) GPUs above the guarantee of (\\d+)");
    private static final Pattern FAIR = Pattern.compile("^tenant borrows (\\d+) GPUs; (\\d+) more would exceed");
    private static final Pattern NEXT_IN_LINE = Pattern.compile("^next in line for (\\d+) GPUs");
    private static final Pattern IN_ALL = Pattern.compile("have (\\d+) in all");
    private static final Pattern FREE_IN_POOL = Pattern.compile("\\((\\d+) GPUs free in the pool\\)");
    private static final Pattern OTHER_JOB = Pattern.compile("job (\\S+) \\((\\d+) GPUs\\)");
    private static final Set<PendingReason> MAY_ESTIMATE = Set.of(PendingReason.RESERVED,
            PendingReason.AWAITING_RECLAIM);

    @Test
    void everyPendingJobsReasonIsTrueOfItAndCarriesItsOwnNumbers() {
        var random = new Random(20_261_206);
        List<String> names = Policies.names();
        for (int i = 0; i < TRIES; i++) {
            long seed = random.nextLong();
            String name = names.get(i % names.size());
            SchedulingPolicy policy = Policies.named(name);
            Snapshot snapshot = RandomScenarios.snapshot(seed, policy.order());
            Plan plan = policy.plan(snapshot);
            Set<JobId> placed = plan.placements().stream().map(Placement::job).collect(Collectors.toSet());
            for (PendingJob job : snapshot.queue()) {
                String where = name + " on seed " + seed + ", job " + job.id() + " (" + job.gpus() + ")";
                Explanation why = plan.explain(job);
                assertThat(why).as(where).isNotNull();
                if (placed.contains(job.id())) {
                    continue;
                }
                check(snapshot, snapshot.queue(), job, why, where + ": " + why);
            }
        }
    }

    private static void check(Snapshot snapshot, PendingQueue queue, PendingJob job, Explanation why, String where) {
        int min = job.gpus().min();
        int max = job.gpus().max();
        PoolQuota quota = snapshot.quotas().quota(job.owner());
        int poolGpus = snapshot.nodes().stream().filter(node -> node.pool().equals(job.owner().pool()))
                .mapToInt(NodeView::capacity).sum();
        boolean neverFits = quota.limit() == 0 || min > quota.limit() || (poolGpus > 0 && min > poolGpus);
        assertThat(why.reason() == PendingReason.NEVER_FITS).as("NEVER_FITS exactly when it can never fit: " + where)
                .isEqualTo(neverFits);
        if (!MAY_ESTIMATE.contains(why.reason())) {
            assertThat(why.estimatedStart()).as("only a reserved or reclaiming job has a start: " + where).isEmpty();
        }
        String message = why.message();
        Matcher needs = NEEDS.matcher(message);
        if (needs.find()) {
            assertThat(Integer.parseInt(needs.group(1))).as("its own size: " + where).isBetween(min, max);
        }
        Matcher other = OTHER_JOB.matcher(message);
        while (other.find()) {
            PendingJob named = find(queue, JobId.of(other.group(1)));
            assertThat(named).as("names a waiting job: " + where).isNotNull();
            assertThat(Integer.parseInt(other.group(2))).as("with that job's size: " + where)
                    .isEqualTo(named.gpus().min());
        }
        switch (why.reason()) {
            case NEVER_FITS -> assertThat(message).as(where).contains("needs " + min + " GPUs");
            case QUOTA -> checkQuota(snapshot, job, quota, message, where);
            case FAIR_SHARE -> {
                Matcher fair = FAIR.matcher(message);
                assertThat(fair.find()).as(where).isTrue();
                assertThat(Integer.parseInt(fair.group(2))).as("borrows no more than its size: " + where)
                        .isBetween(1, max);
            }
            case NO_MATCHING_NODE -> {
                Matcher inAll = IN_ALL.matcher(message);
                assertThat(inAll.find()).as(where).isTrue();
                int matching = snapshot.nodes().stream().filter(node -> node.pool().equals(job.owner().pool())
                        && node.schedulable() && NodeFilter.matches(job.constraints(), node))
                        .mapToInt(NodeView::capacity).sum();
                assertThat(Integer.parseInt(inAll.group(1))).as("schedulable matching GPUs: " + where)
                        .isEqualTo(matching);
                assertThat(min).as("wider than them: " + where).isGreaterThan(matching);
            }
            case INSUFFICIENT_GPUS -> {
                assertThat(needs.reset().find()).as(where).isTrue();
                Matcher free = FREE_IN_POOL.matcher(message);
                assertThat(free.find()).as(where).isTrue();
                assertThat(Integer.parseInt(free.group(1))).as("no more free than the snapshot had: " + where)
                        .isLessThanOrEqualTo(freeIn(snapshot, job));
            }
            case RESERVED -> {
                Matcher next = NEXT_IN_LINE.matcher(message);
                assertThat(next.find()).as(where).isTrue();
                assertThat(Integer.parseInt(next.group(1))).as("its own size: " + where).isBetween(min, max);
                assertThat(why.estimatedStart()).as(where).isPresent();
                assertThat(why.estimatedStart().getAsLong()).as(where).isGreaterThanOrEqualTo(snapshot.now());
            }
            case NOT_REACHED -> {
                assertThat(message).as("true of the first job too: " + where).doesNotContain("ahead of it");
                assertThat(message).as(where).contains("needs " + min + " GPUs");
            }
            default -> { }
        }
    }

    private static void checkQuota(Snapshot snapshot, PendingJob job, PoolQuota quota, String message, String where) {
        int held = snapshot.usage().asMap().getOrDefault(job.owner(), 0);
        Matcher limit = ABOVE_LIMIT.matcher(message);
        if (limit.find()) {
            int holds = Integer.parseInt(limit.group(1));
            int more = Integer.parseInt(limit.group(2));
            assertThat(more).as("its own size: " + where).isBetween(job.gpus().min(), job.gpus().max());
            assertThat(Integer.parseInt(limit.group(3))).as("its tenant's limit: " + where).isEqualTo(quota.limit());
            assertThat(holds).as("at least what the tenant held: " + where).isGreaterThanOrEqualTo(held);
            assertThat(holds + more).as("really above the limit: " + where).isGreaterThan(quota.limit());
            return;
        }
        Matcher borrow = BORROW.matcher(message);
        assertThat(borrow.find()).as("a quota reason with numbers: " + where).isTrue();
        assertThat(Integer.parseInt(borrow.group(2))).as("its tenant's guarantee: " + where)
                .isEqualTo(quota.guaranteed());
        assertThat(Integer.parseInt(borrow.group(1))).as("borrows no more than its size: " + where)
                .isBetween(1, job.gpus().max());
    }

    private static int freeIn(Snapshot snapshot, PendingJob job) {
        return snapshot.nodes().stream().filter(node -> node.pool().equals(job.owner().pool()) && node.schedulable())
                .mapToInt(node -> node.free().size()).sum();
    }

    private static PendingJob find(PendingQueue queue, JobId id) {
        for (PendingJob job : queue) {
            if (job.id().equals(id)) {
                return job;
            }
        }
        return null;
    }
}

package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.gantry.api.job.JobId;
import org.gantry.quota.QuotaMath;
import org.gantry.scheduler.policy.order.LeastAttainedService;
import org.gantry.scheduler.policy.reclaim.HigherPriorityWithinTenant;
import org.gantry.scheduler.policy.reclaim.LeastAttainedFirst;
import org.gantry.scheduler.policy.reclaim.ReclaimBorrowed;
import org.gantry.scheduler.policy.reclaim.RespectingGuarantees;
import org.gantry.scheduler.policy.reclaim.ShorterRemainingWork;
import org.gantry.scheduler.policy.reclaim.VictimRule;
import org.junit.jupiter.api.Test;

/**
 * What ShrinkThenPreempt relies on to collect offers from some rules' victims only: whenever a
 * rule allows a preemption, it said it might ({@code mayAllowAny}, {@code mayVictimize}) and its
 * index-found victims include the victim. Checked against every pair on seeded random clusters.
 */
class VictimRulesContractTest {
    private static final LeastAttainedService TIERS = new LeastAttainedService(new double[] {3_600, 36_000});

    @Test
    void everyAllowedPreemptionIsAmongTheRulesOwnVictims() {
        ReclaimBorrowed reclaim = new ReclaimBorrowed();
        List<VictimRule> rules = List.of(reclaim, new HigherPriorityWithinTenant(),
                new RespectingGuarantees(new LeastAttainedFirst(TIERS), reclaim, true),
                new RespectingGuarantees(new LeastAttainedFirst(TIERS), reclaim, false), new ShorterRemainingWork(2));
        int allowed = 0;
        for (long seed = 0; seed < 300; seed++) {
            Snapshot snapshot = RandomScenarios.snapshot(seed, TIERS);
            var state = new PassState(snapshot, false, TIERS);
            for (VictimRule rule : rules) {
                var victims = new HashSet<JobId>();
                rule.victims(state).forEach(victim -> victims.add(victim.id()));
                for (PendingJob job : snapshot.queue()) {
                    for (boolean withinGuarantee : new boolean[] {true, false}) {
                        for (RunningJob victim : snapshot.running()) {
                            if (!victim.preemptible() || victim.suspending()
                                    || !rule.allows(victim, job, withinGuarantee, state)) {
                                continue;
                            }
                            allowed++;
                            String pair = rule + " seed " + seed + ": " + victim.id() + " for " + job.id();
                            assertThat(rule.mayAllowAny(job, withinGuarantee)).as(pair).isTrue();
                            assertThat(rule.mayVictimize(victim, state)).as(pair).isTrue();
                            if (victim.allocatedAt() <= snapshot.now()) {
                                assertThat(victims).as(pair).contains(victim.id());
                            }
                        }
                    }
                }
            }
        }
        assertThat(allowed).as("preemptions the rules allowed").isGreaterThan(1_000);
    }

    /**
     * Reclaim names, read straight from the running jobs' index, each borrowing tenant's newest
     * jobs that are not suspending, newest first, down to the one that covers what it borrows, and
     * the tenants in the usage ledger's order (which offers of equal cost are weighed in).
     */
    @Test
    void reclaimNamesEachBorrowersNewestJobsDownToWhatItBorrows() {
        ReclaimBorrowed reclaim = new ReclaimBorrowed();
        int named = 0;
        int suspendingPassed = 0;
        for (long seed = 0; seed < 300; seed++) {
            Snapshot snapshot = RandomScenarios.snapshot(seed, TIERS);
            var state = new PassState(snapshot, false, TIERS);
            var expected = new ArrayList<JobId>();
            snapshot.usage().asMap().forEach((owner, used) -> {
                int borrowed = QuotaMath.borrowedPart(state.quota().quota(owner), used);
                for (RunningJob running : snapshot.running().newestFirst(owner)) {
                    if (borrowed <= 0) {
                        break;
                    }
                    if (!running.suspending()) {
                        expected.add(running.id());
                        borrowed -= running.gpuCount();
                    }
                }
            });
            var actual = new ArrayList<JobId>();
            reclaim.victims(state).forEach(victim -> actual.add(victim.id()));
            assertThat(actual).as("seed %d", seed).containsExactlyElementsOf(expected);
            named += actual.size();
            suspendingPassed += (int) snapshot.running().suspending().stream()
                    .filter(job -> snapshot.usage().asMap().containsKey(job.owner())).count();
        }
        assertThat(named).as("victims named over all seeds").isGreaterThan(100);
        assertThat(suspendingPassed).as("suspending jobs of borrowers seen (and left out)").isGreaterThan(0);
    }
}

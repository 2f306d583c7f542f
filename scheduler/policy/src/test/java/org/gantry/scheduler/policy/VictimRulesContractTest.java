package org.gantry.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.gantry.api.job.JobId;
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
            var state = new PassState(snapshot, false, TIERS.comparator());
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
}

package org.gantry.scheduler.policy;

import org.gantry.api.tenant.PoolQuota;
import org.gantry.quota.Admission;
import org.gantry.quota.QuotaMath;
import org.gantry.scheduler.policy.admit.PassQuota;
import org.gantry.scheduler.policy.reserve.NoRoom;

/**
 * The numbers behind a wait, as they stood when a walk found that a tenant's job could not start.
 * The walk then skips the tenant's later jobs of that size or more (see {@link TenantVerdicts});
 * these facts explain each of them with its own size, never with the numbers of the job that
 * stopped the walk. The words are composed when read (see {@link Explanation#of(PendingReason,
 * java.util.function.Supplier)}), from these fixed numbers.
 */
sealed interface WaitFacts {
    /** Why {@code job} waits, by these facts, or null where they do not cover it (then the walk's words stand). */
    Explanation explain(PendingJob job);

    /**
     * Quota refused the job: the tenant held {@code held} GPUs of the pool, {@code borrowable}
     * were idle there, and borrowing was capped at {@code fairShare} GPUs (negative: no cap).
     */
    record Quota(PoolQuota quota, int held, long borrowable, double fairShare) implements WaitFacts {
        @Override
        public Explanation explain(PendingJob job) {
            int gpus = job.gpus().min();
            Admission admission = QuotaMath.admit(quota, held, gpus, job.preemptible(), borrowable);
            if (admission instanceof Admission.Refused refused) {
                return Explanation.of(PendingReason.QUOTA, refused::message);
            }
            if (admission instanceof Admission.Borrowing borrowing && fairShare >= 0) {
                return Explanation.of(PendingReason.FAIR_SHARE, () -> PassQuota.aboveFairShare(
                        QuotaMath.borrowedPart(quota, held), borrowing.borrowedGpus(), fairShare));
            }
            return null;
        }
    }

    /** No schedulable node set could hold it: the pool's schedulable nodes had {@code gpus} GPUs in all. */
    record Unmatched(int gpus) implements WaitFacts {
        @Override
        public Explanation explain(PendingJob job) {
            return Explanation.of(PendingReason.NO_MATCHING_NODE, () -> SchedulingPass.unmatched(job, gpus));
        }
    }

    /**
     * No room now: the pool's largest schedulable node had {@code largestNode} GPUs, the most free
     * on one node was {@code mostFreeOnOneNode}, and {@code freeInPool} were free in all.
     */
    record Room(int largestNode, int mostFreeOnOneNode, long freeInPool) implements WaitFacts {
        @Override
        public Explanation explain(PendingJob job) {
            return Explanation.of(PendingReason.INSUFFICIENT_GPUS, () -> NoRoom.message(job.gpus().min(),
                    "pool " + job.owner().pool(), largestNode, mostFreeOnOneNode, freeInPool));
        }
    }
}

package org.gantry.scheduler.policy.reserve;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.policy.BlockingRule;
import org.gantry.scheduler.policy.Explanation;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.PendingReason;
import org.gantry.scheduler.policy.Reservation;

/**
 * EASY backfilling: the first job of each pool that cannot start reserves the nodes it will
 * get at its earliest start; later jobs may use those nodes only if they end before then
 * (enforced where jobs are placed, through {@link PassState#reservedAgainst}), so backfill
 * never delays the reserved job, while it fills holes that would otherwise sit idle. The search
 * past a reservation is bounded per pass ({@code maxBackfillMisses}), as in Slurm.
 */
public record ReserveAndBackfill(int maxBackfillMisses) implements BlockingRule {
    /** Like Slurm's bf_max_job_test: how deep a pass searches a pool for backfill before it gives up. */
    public static final int DEFAULT_MAX_BACKFILL_MISSES = 1_000;

    public ReserveAndBackfill() {
        this(DEFAULT_MAX_BACKFILL_MISSES);
    }

    /**
     * Past a reservation, every job that cannot start costs a search for nothing; after enough of
     * them in one pool, the pass closes the pool rather than walk a queue of any length. The jobs
     * behind still get their turn in later passes, in order.
     */
    private void countBackfillMiss(PoolId pool, PassState state) {
        int[] misses = state.memo(new MissCounter(this, pool), s -> new int[1]);
        if (++misses[0] >= maxBackfillMisses) {
            state.closePool(pool, Explanation.of(PendingReason.NOT_REACHED, "this pass looked at " + maxBackfillMisses
                    + " jobs of pool " + pool + " that could not start behind its reservation and stopped there; "
                    + "later passes go on in queue order"));
        }
    }

    /** One miss counter per pool and pass. */
    private record MissCounter(ReserveAndBackfill rule, PoolId pool) {}

    /** The memo key of the explanation for jobs of one estimate held back by one reservation. */
    private record Blocked(ReserveAndBackfill rule, JobId reserved, long start, long estimatedSeconds)
            implements Function<PassState, Explanation> {
        /** The explanation for these jobs, its words composed when first read, from numbers fixed now. */
        @Override
        public Explanation apply(PassState state) {
            long startsIn = start - state.now();
            return Explanation.of(PendingReason.BLOCKED_BY_RESERVATION, () -> "it would fit on free GPUs that are "
                    + "reserved for job " + reserved + ", which starts in " + startsIn + " s, and it would not end "
                    + "before then (estimated " + estimatedSeconds + " s)");
        }
    }

    /** The pool's first backfill reservation (holds for reclaimed GPUs are not) of another job; null when none. */
    private static Reservation backfillReservation(PendingJob job, PassState state) {
        List<Reservation> reservations = state.reservations(job.owner().pool());
        for (int i = 0; i < reservations.size(); i++) { // indexed: the ~1,000 jobs behind a reservation ask
            Reservation reservation = reservations.get(i);
            if (!reservation.forReclaim() && !reservation.job().equals(job.id())) {
                return reservation;
            }
        }
        return null;
    }

    @Override
    public Explanation onNoRoom(PendingJob job, int gpus, PassState state) {
        PoolId pool = job.owner().pool();
        // Holds for reclaimed GPUs are not backfill reservations: the pool still gets one of those.
        Reservation blocking = backfillReservation(job, state);
        if (blocking != null) {
            countBackfillMiss(pool, state);
            if (state.capacity().mostFreeOnOneNode(pool, job.constraints(), null) >= gpus
                    && gpus <= state.capacity().largestMatchingNode(pool, job.constraints())) {
                // One explanation per estimate: the ~1,000 jobs a pass tries behind a gang's reservation
                // share a few estimates, and composing the words for each was most of what a pass allocated.
                // The key is its own recipe (no capturing lambda per job), and the words wait until read.
                Blocked blocked = new Blocked(this, blocking.job(), blocking.start(), job.estimatedSeconds());
                return state.memo(blocked, blocked);
            }
            return NoRoom.explain(job, gpus, state);
        }
        Optional<Reservation> reservation = EarliestStart.find(job, gpus, state);
        if (reservation.isEmpty()) {
            return NoRoom.explain(job, gpus, state);
        }
        state.reserve(pool, reservation.get());
        return Explanation.of(PendingReason.RESERVED, "next in line for " + gpus + " GPUs in pool " + pool
                        + "; they are reserved for it once running jobs end")
                .startingAt(reservation.get().start());
    }
}

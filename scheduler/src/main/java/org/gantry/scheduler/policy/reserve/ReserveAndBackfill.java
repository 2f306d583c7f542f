package org.gantry.scheduler.policy.reserve;

import java.util.Optional;
import org.gantry.api.cluster.PoolId;
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
 * never delays the reserved job, while it fills holes that would otherwise sit idle.
 */
public record ReserveAndBackfill() implements BlockingRule {
    @Override
    public Explanation blockedBefore(PendingJob job, PassState state) {
        return null;
    }

    @Override
    public Explanation onNoRoom(PendingJob job, int gpus, PassState state) {
        PoolId pool = job.owner().pool();
        boolean poolHasReservation = state.reservations(pool).stream().anyMatch(r -> !r.job().equals(job.id()));
        if (poolHasReservation) {
            if (state.capacity().mostFreeOnOneNode(pool, job.constraints(), null) >= gpus
                    && gpus <= state.capacity().largestMatchingNode(pool, job.constraints())) {
                Reservation first = state.reservations(pool).get(0);
                return Explanation.of(PendingReason.BLOCKED_BY_RESERVATION, "it would fit on free GPUs that are "
                        + "reserved for job " + first.job() + " from " + first.start() + ", and it would not end "
                        + "before then (estimated " + job.estimatedSeconds() + " s)");
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

package org.gantry.scheduler.bench;

import org.gantry.scheduler.policy.BlockingRule;
import org.gantry.scheduler.policy.Grower;
import org.gantry.scheduler.policy.PassState;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.Pipeline;
import org.gantry.scheduler.policy.RoomMaker;
import org.gantry.scheduler.policy.SchedulingPolicy;

/**
 * For {@code --breakdown}: the policy's own stages, each wrapped in a stopwatch, so a slow pass
 * says which stage it spent its time in (room making, the reserve rule, elastic growth; the rest
 * is the walk itself: admission, filtering, placement). The stages are the production objects;
 * only the timing is added around them. A policy that is not a {@link Pipeline} runs untimed.
 */
final class TimedStages {
    /** Nanoseconds and calls per stage since the last {@link #reset}. */
    long roomNanos;
    int roomCalls;
    long canActNanos;
    int canActCalls;
    long blockingNanos;
    int blockingCalls;
    long growNanos;

    void reset() {
        roomNanos = canActNanos = blockingNanos = growNanos = 0;
        roomCalls = canActCalls = blockingCalls = 0;
    }

    SchedulingPolicy wrap(SchedulingPolicy policy) {
        if (!(policy instanceof Pipeline pipeline)) {
            return policy;
        }
        return new Pipeline(pipeline.name(), pipeline.order(), pipeline.fairShare(), blocking(pipeline.blocking()),
                roomMaker(pipeline.roomMaker()), grower(pipeline.grower()));
    }

    private RoomMaker roomMaker(RoomMaker inner) {
        return new RoomMaker() {
            @Override
            public boolean makeRoom(PendingJob job, int gpus, boolean withinGuarantee, PassState state) {
                long start = System.nanoTime();
                try {
                    return inner.makeRoom(job, gpus, withinGuarantee, state);
                } finally {
                    roomNanos += System.nanoTime() - start;
                    roomCalls++;
                }
            }

            @Override
            public boolean canAct(PassState state) {
                long start = System.nanoTime();
                try {
                    return inner.canAct(state);
                } finally {
                    canActNanos += System.nanoTime() - start;
                    canActCalls++;
                }
            }
        };
    }

    private BlockingRule blocking(BlockingRule inner) {
        return (PendingJob job, int gpus, PassState state) -> {
            long start = System.nanoTime();
            try {
                return inner.onNoRoom(job, gpus, state);
            } finally {
                blockingNanos += System.nanoTime() - start;
                blockingCalls++;
            }
        };
    }

    private Grower grower(Grower inner) {
        return state -> {
            long start = System.nanoTime();
            try {
                inner.grow(state);
            } finally {
                growNanos += System.nanoTime() - start;
            }
        };
    }
}

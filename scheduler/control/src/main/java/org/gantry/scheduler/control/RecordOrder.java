package org.gantry.scheduler.control;

import org.gantry.api.job.Job;

/**
 * Which of two records of one job is newer. Records reach the scheduler by two paths (the
 * entities' notifications and their replies), so an older one can arrive last; the view keeps
 * the newest. A pure function of the records, apart from the view's state.
 */
final class RecordOrder {
    private RecordOrder() {}

    /**
     * Whether {@code incoming} describes an earlier moment of the job than {@code current}. Each
     * placement starts a new attempt; within one, a job only moves forward: scheduled, running,
     * suspending, requeued (pending), finished.
     */
    static boolean olderThan(Job incoming, Job current) {
        if (incoming.attempt() != current.attempt()) {
            return incoming.attempt() < current.attempt();
        }
        return stage(incoming) < stage(current)
                || (stage(incoming) == stage(current) && !incoming.cancelRequested() && current.cancelRequested())
                || (stage(incoming) == stage(current) && checkpointStep(incoming) < checkpointStep(current));
    }

    private static long checkpointStep(Job job) {
        return job.lastCheckpoint() == null ? -1 : job.lastCheckpoint().step();
    }

    private static int stage(Job job) {
        if (job.state().isTerminal()) {
            return 5;
        }
        return switch (job.state()) {
            case SCHEDULED -> 1;
            case RUNNING -> 2;
            case SUSPENDING -> 3;
            default -> job.attempt() == 0 ? 0 : 4; // PENDING: never placed, or requeued after its attempt
        };
    }
}

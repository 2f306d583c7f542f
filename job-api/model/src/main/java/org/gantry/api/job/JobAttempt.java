package org.gantry.api.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;

/**
 * One placement of a job: where it ran and how that run ended.
 *
 * @param allocation node → GPU indices it was given
 * @param startedAt  when its workload started; null if it never did
 * @param endedAt    when it stopped; null while it runs
 * @param outcome    null while it runs; RESIZED (an elastic job restarted at another width),
 *                   REQUEUED (preempted, drained, its node lost),
 *                   RETRIED (failed, and the job runs again), or the job's final state
 * @param exitCode   the workload's exit code, when the run ended the job and had one
 * @param reason     why it ended, in words
 */
public record JobAttempt(int attempt, Map<NodeId, List<Integer>> allocation, Instant scheduledAt,
                         Instant startedAt, Instant endedAt, String outcome, Integer exitCode, String reason) {
    public JobAttempt {
        allocation = Map.copyOf(allocation);
    }
}

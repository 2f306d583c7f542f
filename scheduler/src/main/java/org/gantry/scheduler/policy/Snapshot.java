package org.gantry.scheduler.policy;

import java.util.List;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.UsageLedger;

/**
 * Everything a scheduling pass looks at, frozen: the input of {@link SchedulingPolicy#plan}.
 *
 * @param version  the caller's state version; a plan computed on an older version is refused on apply
 * @param now      the caller's clock, in seconds; the policy never reads a clock of its own
 * @param running  jobs holding GPUs, ordered by {@link RunningJob#estimatedEnd()} (reservations
 *                 walk them from the soonest end and stop early)
 * @param usage    GPUs each tenant holds per pool: the sum of {@code running}, kept by the caller
 */
public record Snapshot(long version, long now, List<NodeView> nodes, List<RunningJob> running,
                       PendingQueue queue, QuotaBook quotas, UsageLedger usage) {
    public Snapshot {
        nodes = List.copyOf(nodes);
        running = List.copyOf(running);
        for (int i = 1; i < running.size(); i++) {
            if (running.get(i - 1).estimatedEnd() > running.get(i).estimatedEnd()) {
                throw new IllegalArgumentException("running jobs must be ordered by estimated end");
            }
        }
    }
}

package org.gantry.scheduler.policy;

import java.util.List;
import org.gantry.quota.QuotaBook;
import org.gantry.quota.UsageLedger;

/**
 * Everything a scheduling pass looks at: the input of {@link SchedulingPolicy#plan}. The queue
 * and the running jobs are the caller's incrementally kept indexes, not copies (a pass over a
 * full cluster must not cost a copy of 80,000 jobs); the caller leaves them alone while the pass
 * runs, which the scheduler actor, the simulator and the benchmark do by planning synchronously.
 *
 * @param version  the caller's state version; a plan computed on an older version is refused on apply
 * @param now      the caller's clock, in seconds; the policy never reads a clock of its own
 * @param running  jobs holding GPUs, iterated by {@link RunningJob#estimatedEnd()} (reservations
 *                 walk them from the soonest end and stop early)
 * @param usage    GPUs each tenant holds per pool: the sum of {@code running}, kept by the caller
 */
public record Snapshot(long version, long now, List<NodeView> nodes, RunningJobs running,
                       PendingQueue queue, QuotaBook quotas, UsageLedger usage) {
    public Snapshot {
        nodes = List.copyOf(nodes);
    }

    /** A snapshot over a plain list of running jobs, indexed here: for tests and small callers. */
    public Snapshot(long version, long now, List<NodeView> nodes, List<RunningJob> running, PendingQueue queue,
                    QuotaBook quotas, UsageLedger usage) {
        this(version, now, nodes, RunningJobs.of(running), queue, quotas, usage);
    }
}

package org.gantry.scheduler.policy.forecast;

import java.util.ArrayList;
import java.util.List;
import org.gantry.quota.QuotaBook;
import org.gantry.scheduler.policy.NodeView;
import org.gantry.scheduler.policy.PendingJob;
import org.gantry.scheduler.policy.RunningJob;
import org.gantry.scheduler.policy.Snapshot;

/**
 * A copy of what a {@link Snapshot} shows, owned by nobody else: a snapshot's queue and running
 * jobs are its caller's live indexes, so a forecast that runs beside the scheduler (on another
 * thread, later) works on this instead. Copying costs one walk over the queue, paid where the
 * scheduler decides to forecast (rate-limited), never in a scheduling pass.
 */
public record FrozenCluster(long now, List<NodeView> nodes, List<RunningJob> running, List<PendingJob> pending,
                            QuotaBook quotas) {
    public FrozenCluster {
        nodes = List.copyOf(nodes);
        running = List.copyOf(running);
        pending = List.copyOf(pending);
    }

    /** Copies the snapshot; must run where the snapshot's caller keeps its indexes still (its own thread). */
    public static FrozenCluster of(Snapshot snapshot) {
        var pending = new ArrayList<PendingJob>();
        snapshot.queue().forEach(pending::add);
        var running = new ArrayList<RunningJob>();
        snapshot.running().forEach(running::add);
        return new FrozenCluster(snapshot.now(), snapshot.nodes(), running, pending, snapshot.quotas());
    }
}

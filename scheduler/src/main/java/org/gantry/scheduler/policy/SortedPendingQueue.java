package org.gantry.scheduler.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gantry.quota.TenantPool;

/** A {@link PendingQueue} sorted once from a collection: for tests, the simulator's small passes, and rebuilds. */
public final class SortedPendingQueue implements PendingQueue {
    private final List<PendingJob> jobs;
    private final Map<TenantPool, Long> waiting;

    private SortedPendingQueue(List<PendingJob> jobs, Map<TenantPool, Long> waiting) {
        this.jobs = jobs;
        this.waiting = waiting;
    }

    public static SortedPendingQueue of(QueueOrder order, Collection<PendingJob> jobs) {
        var sorted = new ArrayList<>(jobs);
        sorted.sort(order.comparator());
        var waiting = new HashMap<TenantPool, Long>();
        for (PendingJob job : sorted) {
            waiting.merge(job.owner(), (long) job.gpus().min(), Long::sum);
        }
        return new SortedPendingQueue(List.copyOf(sorted), Map.copyOf(waiting));
    }

    @Override
    public int size() {
        return jobs.size();
    }

    @Override
    public long waitingGpus(TenantPool tenantPool) {
        return waiting.getOrDefault(tenantPool, 0L);
    }

    @Override
    public Map<TenantPool, Long> waitingGpus() {
        return waiting;
    }

    @Override
    public List<PendingJob> asList() {
        return jobs;
    }

    @Override
    public Iterator<PendingJob> iterator() {
        return jobs.iterator();
    }
}

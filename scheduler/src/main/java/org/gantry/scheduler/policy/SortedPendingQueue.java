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
    private final Map<TenantPool, Integer> smallest;

    private SortedPendingQueue(List<PendingJob> jobs, Map<TenantPool, Long> waiting, Map<TenantPool, Integer> smallest) {
        this.jobs = jobs;
        this.waiting = waiting;
        this.smallest = smallest;
    }

    public static SortedPendingQueue of(QueueOrder order, Collection<PendingJob> jobs) {
        var sorted = new ArrayList<>(jobs);
        sorted.sort(order.comparator());
        var waiting = new HashMap<TenantPool, Long>();
        var smallest = new HashMap<TenantPool, Integer>();
        for (PendingJob job : sorted) {
            waiting.merge(job.owner(), (long) job.gpus().min(), Long::sum);
            smallest.merge(job.owner(), job.gpus().min(), Math::min);
        }
        return new SortedPendingQueue(List.copyOf(sorted), Map.copyOf(waiting), Map.copyOf(smallest));
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
    public int smallestWaitingGpus(TenantPool tenantPool) {
        return smallest.getOrDefault(tenantPool, 0);
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

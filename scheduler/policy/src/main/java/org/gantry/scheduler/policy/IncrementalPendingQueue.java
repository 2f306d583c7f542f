package org.gantry.scheduler.policy;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gantry.quota.TenantPool;

/**
 * A queue kept sorted in the policy's order as jobs come and go (order keys are static while a
 * job waits), so a pass never sorts: what the scheduler actor, the simulator and the benchmark
 * hold. Not thread-safe; change it only between passes (a pass reads it as its snapshot's queue).
 */
public final class IncrementalPendingQueue implements PendingQueue {
    private final TreeSet<PendingJob> jobs;
    /** The same jobs per tenant and pool, in the same order; and, apart, those with placement constraints. */
    private final Map<TenantPool, TreeSet<PendingJob>> byOwner = new HashMap<>();
    private final Map<TenantPool, TreeSet<PendingJob>> constrainedByOwner = new HashMap<>();
    private final Map<TenantPool, Long> waiting = new HashMap<>();
    /** Each tenant's waiting job sizes, with how many jobs have each size. */
    private final Map<TenantPool, TreeMap<Integer, Integer>> sizes = new HashMap<>();

    /** A queue holding these jobs, in the order's order: for tests, small callers and rebuilds. */
    public static IncrementalPendingQueue of(QueueOrder order, Collection<PendingJob> jobs) {
        var queue = new IncrementalPendingQueue(order);
        jobs.forEach(queue::add);
        return queue;
    }

    public IncrementalPendingQueue(QueueOrder order) {
        Comparator<PendingJob> comparator = order.comparator();
        this.jobs = new TreeSet<>(comparator);
    }

    public void add(PendingJob job) {
        if (jobs.add(job)) {
            byOwner.computeIfAbsent(job.owner(), owner -> new TreeSet<>(jobs.comparator())).add(job);
            if (!job.constraints().isEmpty()) {
                constrainedByOwner.computeIfAbsent(job.owner(), owner -> new TreeSet<>(jobs.comparator())).add(job);
            }
            countWaiting(job);
        }
    }

    /** Its owner's waiting GPUs and job sizes count it. */
    private void countWaiting(PendingJob job) {
        waiting.merge(job.owner(), (long) job.gpus().min(), Long::sum);
        sizes.computeIfAbsent(job.owner(), o -> new TreeMap<>()).merge(job.gpus().min(), 1, Integer::sum);
    }

    /**
     * Adds jobs that come in this queue's order already (a forecast's copy of the scheduler's
     * queue): into an empty queue, its sorted sets are built in one linear pass instead of one
     * descent of the tree per job, which for 150,000 jobs was most of a forecast's time. Checks
     * the order as it goes (one comparison per job); jobs out of order, or a queue not empty, are
     * added one by one.
     */
    public void addAllInOrder(List<PendingJob> inOrder) {
        if (!jobs.isEmpty() || !strictlyAscending(inOrder)) {
            inOrder.forEach(this::add);
            return;
        }
        jobs.addAll(new SortedRun(inOrder, jobs.comparator()));
        var owned = new LinkedHashMap<TenantPool, List<PendingJob>>();
        var constrained = new LinkedHashMap<TenantPool, List<PendingJob>>();
        for (PendingJob job : inOrder) {
            owned.computeIfAbsent(job.owner(), owner -> new ArrayList<>()).add(job);
            if (!job.constraints().isEmpty()) {
                constrained.computeIfAbsent(job.owner(), owner -> new ArrayList<>()).add(job);
            }
            countWaiting(job);
        }
        owned.forEach((owner, run) -> byOwner.put(owner, sortedSetOf(run)));
        constrained.forEach((owner, run) -> constrainedByOwner.put(owner, sortedSetOf(run)));
    }

    private boolean strictlyAscending(List<PendingJob> inOrder) {
        Comparator<? super PendingJob> order = jobs.comparator();
        for (int i = 1; i < inOrder.size(); i++) {
            if (order.compare(inOrder.get(i - 1), inOrder.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private TreeSet<PendingJob> sortedSetOf(List<PendingJob> inOrder) {
        var set = new TreeSet<PendingJob>(jobs.comparator());
        set.addAll(new SortedRun(inOrder, jobs.comparator()));
        return set;
    }

    /**
     * Jobs known to be in order, shown as a sorted set under the queue's own comparator: what lets
     * {@link TreeSet#addAll} build its tree straight from them. Only what that reads is offered.
     */
    private static final class SortedRun extends AbstractSet<PendingJob> implements SortedSet<PendingJob> {
        private final List<PendingJob> jobs;
        private final Comparator<? super PendingJob> comparator;

        SortedRun(List<PendingJob> jobs, Comparator<? super PendingJob> comparator) {
            this.jobs = jobs;
            this.comparator = comparator;
        }

        @Override
        public Iterator<PendingJob> iterator() {
            return Collections.unmodifiableList(jobs).iterator();
        }

        @Override
        public int size() {
            return jobs.size();
        }

        @Override
        public Comparator<? super PendingJob> comparator() {
            return comparator;
        }

        @Override
        public PendingJob first() {
            return jobs.get(0);
        }

        @Override
        public PendingJob last() {
            return jobs.get(jobs.size() - 1);
        }

        @Override
        public SortedSet<PendingJob> subSet(PendingJob from, PendingJob to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedSet<PendingJob> headSet(PendingJob to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedSet<PendingJob> tailSet(PendingJob from) {
            throw new UnsupportedOperationException();
        }
    }

    public void remove(PendingJob job) {
        if (jobs.remove(job)) {
            removeFrom(byOwner, job);
            if (!job.constraints().isEmpty()) {
                removeFrom(constrainedByOwner, job);
            }
            waiting.merge(job.owner(), (long) -job.gpus().min(), Long::sum);
            waiting.remove(job.owner(), 0L);
            TreeMap<Integer, Integer> ownSizes = sizes.get(job.owner());
            ownSizes.merge(job.gpus().min(), -1, Integer::sum);
            ownSizes.remove(job.gpus().min(), 0);
            if (ownSizes.isEmpty()) {
                sizes.remove(job.owner());
            }
        }
    }

    public boolean isEmpty() {
        return jobs.isEmpty();
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
        TreeMap<Integer, Integer> ownSizes = sizes.get(tenantPool);
        return ownSizes == null ? 0 : ownSizes.firstKey();
    }

    @Override
    public Map<TenantPool, Long> waitingGpus() {
        return Collections.unmodifiableMap(waiting);
    }

    @Override
    public List<PendingJob> asList() {
        return new ArrayList<>(jobs);
    }

    @Override
    public Iterator<PendingJob> iterator() {
        return Collections.unmodifiableSet(jobs).iterator();
    }

    @Override
    public Iterator<PendingJob> after(TenantPool owner, PendingJob job) {
        return tailAfter(byOwner.get(owner), job);
    }

    @Override
    public Iterator<PendingJob> constrainedAfter(TenantPool owner, PendingJob job) {
        return tailAfter(constrainedByOwner.get(owner), job);
    }

    private static Iterator<PendingJob> tailAfter(TreeSet<PendingJob> owned, PendingJob job) {
        return owned == null ? Collections.emptyIterator()
                : Collections.unmodifiableSortedSet(owned.tailSet(job, false)).iterator();
    }

    private static void removeFrom(Map<TenantPool, TreeSet<PendingJob>> index, PendingJob job) {
        TreeSet<PendingJob> owned = index.get(job.owner());
        owned.remove(job);
        if (owned.isEmpty()) {
            index.remove(job.owner());
        }
    }
}

package org.gantry.scheduler.policy;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gantry.api.job.JobId;
import org.gantry.quota.TenantPool;

/**
 * The jobs holding GPUs, kept indexed as they come and go so that a pass never scans them all:
 * in estimated-end order (reservations walk from the soonest end), each tenant's newest
 * allocations first (its borrowed work), the elastic and the suspending ones, the priorities of
 * preemptible work, and what it takes to know the most service any of them has had. What the
 * scheduler actor, the simulator and the benchmark hold between passes, like
 * {@link IncrementalPendingQueue}; not thread-safe, and changed only between passes (a pass reads
 * it as its snapshot's running jobs). Records are time-independent, so they stay valid while a
 * job runs: a job is replaced only when something about it changes.
 */
public final class RunningJobs extends AbstractCollection<RunningJob> {
    // Written out rather than composed: every start and end of a job compares in each index.
    private static final Comparator<RunningJob> BY_END = (a, b) -> a.estimatedEnd() != b.estimatedEnd()
            ? Long.compare(a.estimatedEnd(), b.estimatedEnd()) : a.id().compareTo(b.id());
    private static final Comparator<RunningJob> NEWEST_FIRST = (a, b) -> a.allocatedAt() != b.allocatedAt()
            ? Long.compare(b.allocatedAt(), a.allocatedAt()) : b.id().compareTo(a.id());
    private static final Comparator<RunningJob> BY_ID = (a, b) -> a.id().compareTo(b.id());

    private final TreeSet<RunningJob> byEnd = new TreeSet<>(BY_END);
    private final Map<JobId, RunningJob> byId = new HashMap<>();
    private final Map<TenantPool, TreeSet<RunningJob>> newestFirst = new HashMap<>();
    private final TreeSet<RunningJob> elastic = new TreeSet<>(BY_ID);
    private final TreeSet<RunningJob> suspending = new TreeSet<>(BY_ID);
    private final TreeMap<Integer, Integer> preemptiblePriorities = new TreeMap<>();
    /**
     * Service grows by GPU count per second of running, so a job's service at {@code now} is
     * {@code intercept + gpus × now}: per GPU count, the largest intercepts give the most served job.
     */
    private final TreeMap<Integer, TreeMap<Double, Integer>> serviceIntercepts = new TreeMap<>();

    /** An index holding these jobs: for tests, small callers and rebuilds. */
    public static RunningJobs of(Collection<RunningJob> jobs) {
        var index = new RunningJobs();
        jobs.forEach(index::put);
        return index;
    }

    /** Adds the job, replacing what was known of it before (a new estimate, a resize, a suspension). */
    public void put(RunningJob job) {
        remove(job.id());
        byId.put(job.id(), job);
        byEnd.add(job);
        newestFirst.computeIfAbsent(job.owner(), owner -> new TreeSet<>(NEWEST_FIRST)).add(job);
        if (job.isElastic()) {
            elastic.add(job);
        }
        if (job.suspending()) {
            suspending.add(job);
        }
        if (job.preemptible()) {
            preemptiblePriorities.merge(job.priority(), 1, Integer::sum);
        }
        serviceIntercepts.computeIfAbsent(job.gpuCount(), gpus -> new TreeMap<>())
                .merge(serviceIntercept(job), 1, Integer::sum);
    }

    /** Removes the job; returns what was known of it, or null when it held no GPUs here. */
    public RunningJob remove(JobId id) {
        RunningJob job = byId.remove(id);
        if (job == null) {
            return null;
        }
        byEnd.remove(job);
        TreeSet<RunningJob> owned = newestFirst.get(job.owner());
        owned.remove(job);
        if (owned.isEmpty()) {
            newestFirst.remove(job.owner());
        }
        elastic.remove(job);
        suspending.remove(job);
        if (job.preemptible()) {
            decrement(preemptiblePriorities, job.priority());
        }
        TreeMap<Double, Integer> intercepts = serviceIntercepts.get(job.gpuCount());
        decrement(intercepts, serviceIntercept(job));
        if (intercepts.isEmpty()) {
            serviceIntercepts.remove(job.gpuCount());
        }
        return job;
    }

    public RunningJob get(JobId id) {
        return byId.get(id);
    }

    /** The job expected to end first, or null when none runs. */
    public RunningJob first() {
        return byEnd.isEmpty() ? null : byEnd.first();
    }

    /** In estimated-end order, then by id. */
    @Override
    public Iterator<RunningJob> iterator() {
        return Collections.unmodifiableSet(byEnd).iterator();
    }

    @Override
    public int size() {
        return byEnd.size();
    }

    /** A tenant's jobs in a pool, newest allocation first (ties by id, descending). */
    public NavigableSet<RunningJob> newestFirst(TenantPool owner) {
        TreeSet<RunningJob> owned = newestFirst.get(owner);
        return owned == null ? Collections.emptyNavigableSet() : Collections.unmodifiableNavigableSet(owned);
    }

    /** Elastic jobs, by id. */
    public NavigableSet<RunningJob> elastic() {
        return Collections.unmodifiableNavigableSet(elastic);
    }

    /** Jobs checkpointing before they let go of their GPUs, by id. */
    public NavigableSet<RunningJob> suspending() {
        return Collections.unmodifiableNavigableSet(suspending);
    }

    /** The lowest priority of any preemptible job, or {@link Integer#MAX_VALUE} when none. */
    public int lowestPreemptiblePriority() {
        return preemptiblePriorities.isEmpty() ? Integer.MAX_VALUE : preemptiblePriorities.firstKey();
    }

    /** The most GPU-seconds of service any job has had by {@code now} (0 when none runs). */
    public double mostAttainedAt(long now) {
        double most = 0;
        for (Map.Entry<Integer, TreeMap<Double, Integer>> byGpus : serviceIntercepts.entrySet()) {
            most = Math.max(most, byGpus.getValue().lastKey() + (double) byGpus.getKey() * now);
        }
        return most;
    }

    private static double serviceIntercept(RunningJob job) {
        return job.attainedBefore() - (double) job.gpuCount() * job.allocatedAt();
    }

    private static <K> void decrement(TreeMap<K, Integer> counts, K key) {
        counts.merge(key, -1, Integer::sum);
        counts.remove(key, 0);
    }
}

package org.gantry.scheduler.policy;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
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
 * preemptible work, and their service (the most any has had, and who has had at least so much). What the
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
    // Hash maps by id inside the sorted ones: every start and end of a job pays for these.
    /** Preemptible jobs by priority, so victims of priority are found without a scan. */
    private final TreeMap<Integer, Map<JobId, RunningJob>> preemptibleByPriority = new TreeMap<>();
    /**
     * Service grows by GPU count per second of running, so a job's service at {@code now} is
     * {@code intercept + gpus × now}: per GPU count, jobs by intercept, the most served last.
     */
    private final TreeMap<Integer, TreeMap<Double, Map<JobId, RunningJob>>> byServiceIntercept = new TreeMap<>();

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
            preemptibleByPriority.computeIfAbsent(job.priority(), priority -> new HashMap<>()).put(job.id(), job);
        }
        byServiceIntercept.computeIfAbsent(job.gpuCount(), gpus -> new TreeMap<>())
                .computeIfAbsent(serviceIntercept(job), intercept -> new HashMap<>()).put(job.id(), job);
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
            removeFrom(preemptibleByPriority, job.priority(), job);
        }
        TreeMap<Double, Map<JobId, RunningJob>> intercepts = byServiceIntercept.get(job.gpuCount());
        removeFrom(intercepts, serviceIntercept(job), job);
        if (intercepts.isEmpty()) {
            byServiceIntercept.remove(job.gpuCount());
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

    /** The order of {@link #newestFirst}: newest allocation first, ties by id, descending. */
    public static Comparator<RunningJob> newestFirstOrder() {
        return NEWEST_FIRST;
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
        return preemptibleByPriority.isEmpty() ? Integer.MAX_VALUE : preemptibleByPriority.firstKey();
    }

    /** Preemptible jobs of a priority below {@code priority}, in no particular order. */
    public List<RunningJob> preemptibleBelow(int priority) {
        var found = new ArrayList<RunningJob>();
        preemptibleByPriority.headMap(priority).values().forEach(jobs -> found.addAll(jobs.values()));
        return found;
    }

    /** The most GPU-seconds of service any job has had by {@code now} (0 when none runs). */
    public double mostAttainedAt(long now) {
        double most = 0;
        for (Map.Entry<Integer, TreeMap<Double, Map<JobId, RunningJob>>> byGpus : byServiceIntercept.entrySet()) {
            most = Math.max(most, byGpus.getValue().lastKey() + (double) byGpus.getKey() * now);
        }
        return most;
    }

    /**
     * Every job that started by {@code now} and has had at least {@code service} GPU-seconds of
     * service by then, and perhaps a few just short of it (the intercepts round), in no particular
     * order: callers check each job's {@link RunningJob#attainedAt} themselves. Costs the jobs
     * found, not a scan.
     */
    public List<RunningJob> servedAtLeast(double service, long now) {
        var found = new ArrayList<RunningJob>();
        for (Map.Entry<Integer, TreeMap<Double, Map<JobId, RunningJob>>> byGpus : byServiceIntercept.entrySet()) {
            double atNow = (double) byGpus.getKey() * now;
            double slack = 1 + 1e-9 * (Math.abs(service) + Math.abs(atNow));
            byGpus.getValue().tailMap(service - slack - atNow).values().forEach(jobs -> found.addAll(jobs.values()));
        }
        return found;
    }

    private static double serviceIntercept(RunningJob job) {
        return job.attainedBefore() - (double) job.gpuCount() * job.allocatedAt();
    }

    private static <K> void removeFrom(TreeMap<K, Map<JobId, RunningJob>> index, K key, RunningJob job) {
        Map<JobId, RunningJob> jobs = index.get(key);
        jobs.remove(job.id());
        if (jobs.isEmpty()) {
            index.remove(key);
        }
    }
}

package org.gantry.scheduler.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.gantry.scheduler.policy.RunningJob;

/**
 * Running jobs kept in the order a {@code Snapshot} wants them (by estimated end, then id), by
 * binary-search insertion: a pass then gets them with one array copy instead of a sort.
 */
final class RunningByEnd {
    private static final Comparator<RunningJob> BY_END = Comparator.comparingLong(RunningJob::estimatedEnd)
            .thenComparing(RunningJob::id);

    private final ArrayList<RunningJob> jobs = new ArrayList<>();

    void add(RunningJob job) {
        int at = Collections.binarySearch(jobs, job, BY_END);
        if (at >= 0) {
            throw new IllegalStateException("job " + job.id() + " is already running");
        }
        jobs.add(-at - 1, job);
    }

    void remove(RunningJob job) {
        int at = Collections.binarySearch(jobs, job, BY_END);
        if (at < 0) {
            throw new IllegalStateException("job " + job.id() + " is not running");
        }
        jobs.remove(at);
    }

    /** The job expected to end first. */
    RunningJob first() {
        return jobs.get(0);
    }

    boolean isEmpty() {
        return jobs.isEmpty();
    }

    int size() {
        return jobs.size();
    }

    /** A read-only view in end order; the snapshot copies it. */
    List<RunningJob> inEndOrder() {
        return Collections.unmodifiableList(jobs);
    }
}

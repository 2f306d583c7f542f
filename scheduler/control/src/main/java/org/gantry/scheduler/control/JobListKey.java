package org.gantry.scheduler.control;

import java.util.Comparator;
import org.gantry.api.job.Job;

/** Orders jobs newest first (ties by id), the order {@code GET /jobs} pages through. */
record JobListKey(long submittedAtMillis, String id) implements Comparable<JobListKey> {
    private static final Comparator<JobListKey> NEWEST_FIRST = Comparator
            .comparingLong(JobListKey::submittedAtMillis).reversed().thenComparing(JobListKey::id);

    static JobListKey of(Job job) {
        return new JobListKey(job.submittedAt().toEpochMilli(), job.id().value());
    }

    /** The cursor a page hands out: where the next page starts after this job. */
    String cursor() {
        return submittedAtMillis + "~" + id;
    }

    /** Reads a cursor back; null when it is not one this class wrote. */
    static JobListKey fromCursor(String cursor) {
        int split = cursor.indexOf('~');
        if (split <= 0) {
            return null;
        }
        try {
            return new JobListKey(Long.parseLong(cursor.substring(0, split)), cursor.substring(split + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int compareTo(JobListKey other) {
        return NEWEST_FIRST.compare(this, other);
    }
}

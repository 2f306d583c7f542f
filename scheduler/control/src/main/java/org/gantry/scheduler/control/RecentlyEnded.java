package org.gantry.scheduler.control;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gantry.api.job.JobId;

/** The last {@code capacity} jobs that ended, oldest forgotten first. */
final class RecentlyEnded {
    private final Map<JobId, Boolean> ids;

    RecentlyEnded(int capacity) {
        this.ids = new LinkedHashMap<>(capacity * 4 / 3 + 1) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<JobId, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    void add(JobId id) {
        ids.put(id, Boolean.TRUE);
    }

    boolean contains(JobId id) {
        return ids.containsKey(id);
    }
}

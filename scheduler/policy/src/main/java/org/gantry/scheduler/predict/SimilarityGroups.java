package org.gantry.scheduler.predict;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A predictor's similarity groups, at most {@code capacity} of them: a new group past the cap
 * pushes out the one used least recently (learned from or asked about). The coarse groups (all
 * jobs, a GPU count, a tenant) are used by nearly every job and stay; a job name that has not
 * come back for a while goes, so memory stays put however many distinct names a history holds.
 * Not thread-safe, like the predictors that own it.
 */
final class SimilarityGroups {
    /** Far more than the recurring names a cluster runs at once; each group costs about 1 to 5 KiB. */
    static final int DEFAULT_CAPACITY = 2_048;

    private final int window;
    private final Map<String, LogHistogram> groups;

    /** @param window the samples each group's histogram keeps */
    SimilarityGroups(int capacity, int window) {
        if (capacity < 1) {
            throw new IllegalArgumentException("need at least one group");
        }
        this.window = window;
        this.groups = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LogHistogram> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The group's histogram, or null when it has none (never learned, or pushed out). */
    LogHistogram get(String group) {
        return groups.get(group);
    }

    void add(String group, long seconds) {
        groups.computeIfAbsent(group, key -> new LogHistogram(window)).add(seconds);
    }

    int size() {
        return groups.size();
    }
}

package org.gantry.scheduler.control.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gantry.api.cluster.NodeId;

/**
 * The current attempt of a job that holds GPUs: where, since when, and whether a user asked
 * to cancel it (it ends CANCELLED once its workload stops, whatever the exit).
 *
 * @param startedAt   null until the workload is reported up
 * @param cancelledBy null unless a cancel was requested
 */
public record Placement(Map<NodeId, List<Integer>> allocation, Instant scheduledAt, Instant startedAt,
                        String cancelledBy) {

    public Placement {
        // Deep copy: lists that came through a command must not change under the state.
        allocation = allocation == null ? Map.of() : allocation.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    static Placement of(JobEvent.Scheduled scheduled) {
        return new Placement(scheduled.allocation(), scheduled.at(), null, null);
    }

    /** The placement of the attempt that follows a resize: scheduled now, not started yet. */
    static Placement of(JobEvent.Resized resized) {
        return new Placement(resized.allocation(), resized.at(), null, null);
    }

    int gpuCount() {
        return allocation.values().stream().mapToInt(List::size).sum();
    }

    Placement started(Instant at) {
        return new Placement(allocation, scheduledAt, at, cancelledBy);
    }

    Placement cancelRequested(String by) {
        return new Placement(allocation, scheduledAt, startedAt, by);
    }

    /** GPU-seconds this attempt ran by {@code end}: whole seconds since it started × its GPUs; 0 if it never started. */
    long gpuSecondsUntil(Instant end) {
        if (startedAt == null) {
            return 0;
        }
        long gpus = allocation.values().stream().mapToInt(List::size).sum();
        return Math.max(0, end.getEpochSecond() - startedAt.getEpochSecond()) * gpus;
    }

    boolean cancelling() {
        return cancelledBy != null;
    }
}

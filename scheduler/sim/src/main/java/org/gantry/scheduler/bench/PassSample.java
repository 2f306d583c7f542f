package org.gantry.scheduler.bench;

/**
 * One timed incremental pass, for {@code --breakdown}: what it cost and what it did. The stage
 * times come from {@link TimedStages}; what is left of {@code wallNanos} is the snapshot and the
 * walk itself (admission, filtering, placement, explanations).
 *
 * @param pass          its number among the timed passes, from 0
 * @param cpuNanos      CPU time of the benchmark's thread in it (-1 where the JVM does not say)
 * @param allocatedBytes bytes the thread allocated in it (-1 where the JVM does not say)
 * @param gcNanos       time the JVM's collectors report spent in collections that ended during the pass
 *                      (pauses, and for a concurrent collector its cycles), so a GC in the timed work shows
 * @param explained     jobs the pass looked at and explained one by one
 * @param roomNanos     time in the room maker's {@code makeRoom} (shrink, reclaim, preempt), over {@code roomCalls}
 * @param canActNanos   time in the room maker's {@code canAct}, asked before each job once the cluster is full
 * @param blockingNanos time in the reserve rule, over {@code blockingCalls} jobs that found no room
 * @param growNanos     time in elastic growth at the end of the pass
 */
public record PassSample(int pass, long wallNanos, long cpuNanos, long allocatedBytes, long gcNanos, int placements,
                         int preemptions, int explained, long roomNanos, int roomCalls, long canActNanos,
                         int canActCalls, long blockingNanos, int blockingCalls, long growNanos) {}

package org.gantry.scheduler.policy;

import java.util.function.LongFunction;

/**
 * A policy Gantry ships, as every caller chooses it by name: the scheduler, the simulator and
 * the benchmark all read {@link Policies#all()}.
 *
 * @param summary           one line for help texts
 * @param preempts          whether its decisions change with time alone (preemption after the
 *                          minimum run), so a replay must replan while jobs wait
 * @param oracle            whether it must be told true durations: only the simulator knows them
 * @param comparedByDefault whether {@code gantry simulate} runs it when no policy is named
 * @param build             the policy, given the minimum run in seconds before a job may be preempted
 */
public record PolicyEntry(String name, String summary, boolean preempts, boolean oracle, boolean comparedByDefault,
                          LongFunction<SchedulingPolicy> build) {}

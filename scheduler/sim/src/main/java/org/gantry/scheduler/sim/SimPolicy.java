package org.gantry.scheduler.sim;

import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.SchedulingPolicy;

/**
 * A policy as the simulator runs it: the production {@link SchedulingPolicy} plus where job
 * durations come from. Only {@code sjf-oracle} sees true durations; every other policy sees
 * the duration predictor's estimates, as it would in production.
 *
 * @param tickSeconds how often to replan while jobs wait, for policies whose decisions change
 *                    with time alone (preemption); 0 for none
 */
public record SimPolicy(String name, SchedulingPolicy policy, boolean oracle, long tickSeconds) {
    private static final long TICK_SECONDS = 300;

    private static final Map<String, LongFunction<SimPolicy>> BY_NAME = Map.of(
            "fifo", minRun -> new SimPolicy("fifo", Policies.fifo(), false, 0),
            "fifo-backfill", minRun -> new SimPolicy("fifo-backfill", Policies.fifoBackfill(), false, 0),
            "sjf-oracle", minRun -> new SimPolicy("sjf-oracle", Policies.shortestJobFirst(0), true, 0),
            "sjf", minRun -> new SimPolicy("sjf", Policies.shortestJobFirst(Policies.DEFAULT_AGING_RATE), false, 0),
            "sjf-gpu", minRun -> new SimPolicy("sjf-gpu", Policies.shortestGpuTimeFirst(), false, 0),
            "las", minRun -> new SimPolicy("las", Policies.leastAttainedService(minRun), false, TICK_SECONDS),
            "gantry", minRun -> new SimPolicy("gantry",
                    Policies.gantry(Policies.DEFAULT_AGING_RATE, minRun), false, TICK_SECONDS),
            "gantry-fair", minRun -> new SimPolicy("gantry-fair", Policies.gantryFair(minRun), false, TICK_SECONDS),
            "srpt-oracle", minRun -> new SimPolicy("srpt-oracle", Policies.shortestRemainingWorkFirst(minRun), true,
                    TICK_SECONDS));

    /**
     * The policies `gantry simulate` compares by default; on request also gantry-fair, and
     * srpt-oracle (preemptive shortest-remaining-work with true durations: a near-ideal yardstick).
     */
    public static List<String> names() {
        return List.of("fifo", "fifo-backfill", "sjf-oracle", "sjf", "sjf-gpu", "las", "gantry");
    }

    public static SimPolicy named(String name, long minRunSeconds) {
        LongFunction<SimPolicy> policy = BY_NAME.get(name.trim());
        if (policy == null) {
            throw new IllegalArgumentException("unknown policy '" + name + "'; choose from "
                    + String.join(", ", names()) + ", gantry-fair, srpt-oracle");
        }
        return policy.apply(minRunSeconds);
    }
}

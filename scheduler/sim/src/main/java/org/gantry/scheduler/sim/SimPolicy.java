package org.gantry.scheduler.sim;

import java.util.List;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.PolicyEntry;
import org.gantry.scheduler.policy.SchedulingPolicy;

/**
 * A policy as the simulator runs it: the production {@link SchedulingPolicy} plus where job
 * durations come from. Only the oracles ({@code sjf-oracle}, {@code srpt-oracle}) see true
 * durations; every other policy sees the duration predictor's estimates, as in production.
 *
 * @param tickSeconds how often to replan while jobs wait, for policies whose decisions change
 *                    with time alone (preemption); 0 for none
 */
public record SimPolicy(String name, SchedulingPolicy policy, boolean oracle, long tickSeconds) {
    /** How often a preempting policy replans while jobs wait, as the scheduler's tick would. */
    private static final long TICK_SECONDS = 300;

    /**
     * The policies {@code gantry simulate} compares when none is named (the others, such as
     * gantry-fair and srpt-oracle, on request).
     */
    public static List<String> names() {
        return Policies.all().stream().filter(PolicyEntry::comparedByDefault).map(PolicyEntry::name).toList();
    }

    /** Any policy of {@link Policies#all()}, oracles included, as the simulator runs it. */
    public static SimPolicy named(String name, long minRunSeconds) {
        PolicyEntry entry = Policies.entry(name.trim());
        return new SimPolicy(entry.name(), entry.build().apply(minRunSeconds), entry.oracle(),
                entry.preempts() ? TICK_SECONDS : 0);
    }
}

package org.gantry.ops.cli.bench;

import java.util.Iterator;
import org.gantry.scheduler.policy.Policies;
import org.gantry.scheduler.policy.PolicyEntry;

/**
 * The policies a scheduler can run (all but the oracles, which need true durations), from the
 * one registry, for {@code ${COMPLETION-CANDIDATES}}: a help text that names them by hand falls
 * behind when a policy is added.
 */
public final class RunnablePolicies implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Policies.all().stream().filter(entry -> !entry.oracle()).map(PolicyEntry::name).iterator();
    }
}

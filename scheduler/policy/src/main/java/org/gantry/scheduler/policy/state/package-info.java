/**
 * The cluster as every caller of the policy keeps it between passes — the scheduler actor, the
 * simulator and the scheduler benchmark alike: {@link org.gantry.scheduler.policy.state.ClusterState}
 * holds nodes and their taken GPUs, the running and the waiting jobs, per-tenant usage, and hands
 * out the {@link org.gantry.scheduler.policy.Snapshot} a pass plans on; it checks a plan's
 * decisions against itself, and {@link org.gantry.scheduler.policy.state.PlanApplier} applies
 * a plan to it the one way every caller shares. Pure code, like the policy it feeds.
 */
package org.gantry.scheduler.policy.state;

/**
 * The scheduling policy, as pure code over immutable snapshots: no Pekko types, no clock, no
 * I/O. {@link org.gantry.scheduler.policy.SchedulingPolicy#plan} maps a
 * {@link org.gantry.scheduler.policy.Snapshot} to a {@link org.gantry.scheduler.policy.Plan};
 * {@link org.gantry.scheduler.policy.Policies} assembles the stages (order, admit, filter,
 * score, reserve and backfill, reclaim, elastic, explain) into the policies Gantry ships.
 * The control plane and the simulator run this same code.
 */
package org.gantry.scheduler.policy;

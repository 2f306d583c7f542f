package org.gantry.scheduler.policy;

/**
 * A policy assembled from stages (see {@link Policies} for the assemblies and why their order).
 *
 * @param fairShare whether borrowing is also capped by each tenant's fair share of idle GPUs
 */
public record Pipeline(String name, QueueOrder order, boolean fairShare, BlockingRule blocking,
                       RoomMaker roomMaker, Grower grower) implements SchedulingPolicy {
    @Override
    public Plan plan(Snapshot snapshot) {
        return new SchedulingPass(this, snapshot).run();
    }
}

package org.gantry.scheduler.control;

import java.util.List;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobState;
import org.gantry.api.tenant.TenantId;

/**
 * What the scheduler counts where it happens, for whoever exports metrics (ops, with the
 * Prometheus client). A plain-Java seam rather than a metrics library here: the scheduler stays
 * free of an exporter's types and registries (several control planes in one test JVM would
 * share a library's default registry), and its tests can record calls. Called on the scheduler
 * actor's thread, so an implementation must be cheap and must never block. Every {@code code}
 * is one of a short fixed list (the constants here; a preemption's is its victim rule's
 * {@code code()}), never free text, so it can be a label.
 */
public interface ControlMetrics {
    /** Counts nothing. */
    ControlMetrics NONE = new ControlMetrics() {};

    /** Resize codes: an elastic job shrunk for a waiting one; grown into idle GPUs. */
    String RESIZE_SHRINK = "shrink";
    String RESIZE_GROW = "grow";
    /** Requeue codes: the node was lost; it did not register again after a restart; it no longer runs the job; it is draining. */
    String REQUEUE_NODE_LOST = "node_lost";
    String REQUEUE_NODE_NOT_BACK = "node_not_back";
    String REQUEUE_WORKLOAD_MISSING = "workload_missing";
    String REQUEUE_NODE_DRAINED = "node_drained";
    List<String> REQUEUE_CODES = List.of(REQUEUE_NODE_LOST, REQUEUE_NODE_NOT_BACK, REQUEUE_WORKLOAD_MISSING,
            REQUEUE_NODE_DRAINED);

    /** One scheduling pass (snapshot, plan, apply) took this long. */
    default void passCompleted(long nanos) {}

    /** A job's first attempt started running, {@code waitedSeconds} after it was submitted. */
    default void jobStarted(PoolId pool, long waitedSeconds) {}

    /** A job ended in {@code state}; {@code ranSeconds} is its last attempt's run time, -1 if it never ran. */
    default void jobEnded(JobState state, TenantId tenant, PoolId pool, long ranSeconds) {}

    /** The scheduler asked a running job to checkpoint and stop for someone else. */
    default void preempted(String code) {}

    /** The scheduler shrank (checkpointed and requeued) an elastic job. */
    default void resized(String code) {}

    /** The scheduler put a job that held GPUs back in the queue without the policy asking (node lost, drain…). */
    default void requeued(String code) {}

    /** An agent's report (registration or heartbeat) arrived. */
    default void heartbeat() {}

    /** A node was marked lost. */
    default void nodeLost() {}
}

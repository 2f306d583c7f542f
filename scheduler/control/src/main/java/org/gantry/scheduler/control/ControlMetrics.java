package org.gantry.scheduler.control;

import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.JobState;
import org.gantry.api.tenant.TenantId;

/**
 * What the scheduler counts where it happens, for whoever exports metrics (ops, with the
 * Prometheus client). A plain-Java seam rather than a metrics library here: the scheduler stays
 * free of an exporter's types and registries (several control planes in one test JVM would
 * share a library's default registry), and its tests can record calls. Called on the scheduler
 * actor's thread, so an implementation must be cheap and must never block. Every {@code code}
 * is one of a short fixed list (see the callers' {@code *_CODE} constants), never free text,
 * so it can be a label.
 */
public interface ControlMetrics {
    /** Counts nothing. */
    ControlMetrics NONE = new ControlMetrics() {};

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

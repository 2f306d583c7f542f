package org.gantry.scheduler.control;

import java.util.List;
import java.util.Map;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.ServingEndpoint;
import org.gantry.api.tenant.TenantId;

/**
 * The ready replicas of every served model, as the scheduler last learned them from its agents'
 * reports: one writer (the scheduler actor), many readers (the predict route's threads), and an
 * immutable value in between, like {@link SubmitGate}. Empty while no scheduler runs on this node.
 */
public final class ServingDirectory {

    /** A tenant's model, by name: what {@code POST /models/{name}/predict} addresses. */
    public record ModelRef(TenantId tenant, String model) {}

    /** One ready replica of a serving job's attempt. */
    public record Replica(JobId job, int attempt, NodeId node, ServingEndpoint endpoint) {}

    private volatile Map<ModelRef, List<Replica>> replicas = Map.of();

    /** The ready replicas of the model; empty when none is (yet, or any more). */
    public List<Replica> replicas(TenantId tenant, String model) {
        return replicas.getOrDefault(new ModelRef(tenant, model), List.of());
    }

    /** Replaces what readers see; the scheduler actor is the only caller outside tests. */
    public void publish(Map<ModelRef, List<Replica>> latest) {
        replicas = Map.copyOf(latest);
    }

    void clear() {
        replicas = Map.of();
    }
}

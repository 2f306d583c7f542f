package org.gantry.scheduler.control;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

    /**
     * One ready replica of a serving job's attempt. The same instance stands for the replica
     * until a report says something new of it (see {@link ServingReplicas}): a reader that set a
     * replica aside can tell, by identity, whether it has been announced again since.
     */
    public record Replica(JobId job, int attempt, NodeId node, ServingEndpoint endpoint) {}

    /** What readers see: the replicas by model, and the predict addresses of them all. */
    private record Published(Map<ModelRef, List<Replica>> byModel, Set<String> urls) {}

    private volatile Published published = new Published(Map.of(), Set.of());

    /** The ready replicas of the model; empty when none is (yet, or any more). */
    public List<Replica> replicas(TenantId tenant, String model) {
        return published.byModel().getOrDefault(new ModelRef(tenant, model), List.of());
    }

    /**
     * The predict address of every ready replica of every model: the same instance until the
     * next {@link #publish}, so a reader that keeps state per address notices a change cheaply.
     */
    public Set<String> urls() {
        return published.urls();
    }

    /** Replaces what readers see; the scheduler actor is the only caller outside tests. */
    public void publish(Map<ModelRef, List<Replica>> latest) {
        Set<String> urls = latest.values().stream().flatMap(List::stream).map(replica -> replica.endpoint().url())
                .collect(Collectors.toUnmodifiableSet());
        published = new Published(Map.copyOf(latest), urls);
    }

    void clear() {
        published = new Published(Map.of(), Set.of());
    }
}

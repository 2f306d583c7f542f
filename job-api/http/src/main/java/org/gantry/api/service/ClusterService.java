package org.gantry.api.service;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;

/** The GPU fleet: nodes and pools, and the operator's cordon and drain. */
public interface ClusterService {

    CompletionStage<List<NodeSummary>> nodes(Caller caller);

    CompletionStage<List<PoolSummary>> pools(Caller caller);

    /** A pool's pending demand, for autoscalers; an unknown pool is not found. */
    CompletionStage<DemandReport> demand(Caller caller, PoolId pool, DemandReport.Query query);

    /** Admin only. What each does is in {@link NodeAction}. */
    CompletionStage<NodeSummary> act(Caller caller, NodeId node, NodeAction action);

    /** Whether this control node can take requests: the scheduler is up and has rebuilt its view. */
    CompletionStage<Boolean> ready();

    enum NodeAction {
        /** Close the node to new jobs; running ones continue. */
        CORDON,
        /** Close it and move its running jobs away (checkpoint, requeue). */
        DRAIN,
        /** Open it again. */
        UNCORDON
    }
}

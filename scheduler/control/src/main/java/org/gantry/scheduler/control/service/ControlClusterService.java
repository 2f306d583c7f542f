package org.gantry.scheduler.control.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.service.DemandReport;
import org.gantry.api.service.Caller;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.service.ClusterService;
import org.gantry.api.service.NodeSummary;
import org.gantry.api.service.PoolSummary;
import org.gantry.api.service.ServiceException;
import org.gantry.scheduler.control.SchedulerCommand;

/** Nodes and pools as the scheduler sees them; cordon and drain go through it too. */
public final class ControlClusterService implements ClusterService {
    private final ActorRef<SchedulerCommand> scheduler;
    private final Asking asking;

    ControlClusterService(ActorRef<SchedulerCommand> scheduler, Asking asking) {
        this.scheduler = scheduler;
        this.asking = asking;
    }

    @Override
    public CompletionStage<List<NodeSummary>> nodes(Caller caller) {
        // A tenant sees every node and its free GPUs, but of the jobs there only its own.
        TenantId viewer = caller instanceof Caller.Tenant tenant ? tenant.tenant() : null;
        return asking.<SchedulerCommand, SchedulerCommand.NodesAnswer>ask(scheduler,
                replyTo -> new SchedulerCommand.GetNodes(viewer, replyTo), "a node listing")
                .thenApply(answer -> answer.nodes().stream().map(node -> node.seenBy(caller)).toList());
    }

    @Override
    public CompletionStage<List<PoolSummary>> pools(Caller caller) {
        return asking.<SchedulerCommand, SchedulerCommand.PoolsAnswer>ask(scheduler, SchedulerCommand.GetPools::new,
                "a pool listing").thenApply(SchedulerCommand.PoolsAnswer::pools);
    }

    @Override
    public CompletionStage<DemandReport> demand(Caller caller, PoolId pool, DemandReport.Query query) {
        return asking.<SchedulerCommand, SchedulerCommand.DemandAnswer>ask(scheduler,
                replyTo -> new SchedulerCommand.GetDemand(pool, query.nodes(), query.gpusPerNode(), replyTo),
                "a demand query").thenApply(answer -> {
                    if (answer.demand() == null) {
                        throw new ServiceException.NotFound("no pool '" + pool + "': no node is in it and no tenant "
                                + "has quota there; see gantry pools");
                    }
                    return answer.demand();
                });
    }

    @Override
    public CompletionStage<NodeSummary> act(Caller caller, NodeId node, NodeAction action) {
        if (!(caller instanceof Caller.Admin)) {
            return CompletableFuture.failedFuture(new ServiceException.Forbidden(
                    "only the admin cordons, drains or uncordons nodes"));
        }
        return asking.<SchedulerCommand, SchedulerCommand.NodeAnswer>ask(scheduler,
                replyTo -> new SchedulerCommand.ChangeNode(node, action, replyTo), "a node change").thenApply(answer -> {
                    if (answer.node() == null) {
                        throw new ServiceException.NotFound("no node '" + node + "'");
                    }
                    return answer.node();
                });
    }

    @Override
    public CompletionStage<Boolean> ready() {
        return asking.<SchedulerCommand, Boolean>ask(scheduler, SchedulerCommand.GetReady::new, "a readiness check")
                .exceptionally(failure -> false);
    }
}

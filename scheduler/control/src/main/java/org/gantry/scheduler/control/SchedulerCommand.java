package org.gantry.scheduler.control;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.NodeId;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.job.Job;
import org.gantry.api.job.JobId;
import org.gantry.api.protocol.AgentCommand;
import org.gantry.api.protocol.AgentEvent;
import org.gantry.api.protocol.ClusterMessage;
import org.gantry.api.service.ClusterService.NodeAction;
import org.gantry.api.service.DemandReport;
import org.gantry.api.service.JobExplanation;
import org.gantry.api.service.NodeSummary;
import org.gantry.api.service.PoolSummary;
import org.gantry.api.service.QueuePage;
import org.gantry.api.service.QueueQuery;
import org.gantry.api.service.TenantQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.scheduler.control.job.JobReply;
import org.gantry.scheduler.policy.forecast.StartEstimate;

/**
 * What the scheduler singleton handles: changes it follows (job records, agents, tenants),
 * its own timers and answers, and the questions the services ask it. Questions may come from
 * another control node through the singleton proxy, so they are cluster messages too.
 */
public interface SchedulerCommand {

    /** A job entity persisted a change: the scheduler's view follows its source of truth. */
    record JobChanged(Job job) implements SchedulerCommand, ClusterMessage {}

    /** The tenant directory changed: new quotas. */
    record TenantsChanged(Map<TenantId, TenantSpec> tenants) implements SchedulerCommand, ClusterMessage {}

    // ---- questions from the services ----

    record GetReady(ActorRef<Boolean> replyTo) implements SchedulerCommand, ClusterMessage {}

    /** A page of the queue, limited to one tenant's jobs unless {@code tenant} is null. */
    record GetQueue(TenantId tenant, QueueQuery query, ActorRef<QueueAnswer> replyTo)
            implements SchedulerCommand, ClusterMessage {}

    record QueueAnswer(QueuePage page) implements ClusterMessage {}

    /** Why a job is where it is; {@code explanation} is null when the scheduler does not know the job. */
    record Explain(JobId job, ActorRef<ExplainAnswer> replyTo) implements SchedulerCommand, ClusterMessage {}

    record ExplainAnswer(JobExplanation explanation) implements ClusterMessage {}

    /** A dry run: what the next pass would do with {@code spec}, were it submitted now (nothing is stored). */
    record Preview(org.gantry.api.job.JobSpec spec, ActorRef<PreviewAnswer> replyTo)
            implements SchedulerCommand, ClusterMessage {}

    record PreviewAnswer(org.gantry.api.service.SubmitPreview preview) implements ClusterMessage {}

    /** The nodes; with a {@code viewer}, each lists only that tenant's jobs (null: every job, for the admin). */
    record GetNodes(TenantId viewer, ActorRef<NodesAnswer> replyTo) implements SchedulerCommand, ClusterMessage {}

    record NodesAnswer(List<NodeSummary> nodes) implements ClusterMessage {}

    record GetPools(ActorRef<PoolsAnswer> replyTo) implements SchedulerCommand, ClusterMessage {}

    /** The pools as summaries, and every pool a job may name (with nodes, or with quota). */
    record PoolsAnswer(List<PoolSummary> pools, Set<PoolId> known) implements ClusterMessage {}

    /** A pool's pending demand; {@code demand} in the answer is null when the pool is unknown. */
    record GetDemand(PoolId pool, int nodes, int gpusPerNode, ActorRef<DemandAnswer> replyTo)
            implements SchedulerCommand, ClusterMessage {}

    record DemandAnswer(DemandReport demand) implements ClusterMessage {}

    record GetStanding(TenantId tenant, ActorRef<TenantQuota> replyTo) implements SchedulerCommand, ClusterMessage {}

    /** Cordon, drain or uncordon; {@code node} in the answer is null when no such node is known. */
    record ChangeNode(NodeId node, NodeAction action, ActorRef<NodeAnswer> replyTo)
            implements SchedulerCommand, ClusterMessage {}

    record NodeAnswer(NodeSummary node) implements ClusterMessage {}

    /** The agent of a node, for reading logs; {@code agent} is null when the node is not known. */
    record LocateAgent(NodeId node, ActorRef<AgentLocation> replyTo) implements SchedulerCommand, ClusterMessage {}

    record AgentLocation(ActorRef<AgentCommand> agent) implements ClusterMessage {}

    /** Whether a job of this tenant may go to this pool; {@code problem} says why not, or is null. */
    record CheckSubmit(TenantId tenant, PoolId pool, ActorRef<SubmitCheck> replyTo)
            implements SchedulerCommand, ClusterMessage {}

    /** {@code overPendingCap} says why the tenant may not add a waiting job now, or is null. */
    record SubmitCheck(String problem, String overPendingCap) implements ClusterMessage {}

    // ---- the actor's own messages ----

    /** Wraps what agents send to the scheduler's adapter. */
    record FromAgent(AgentEvent event) implements SchedulerCommand {}

    /** The receptionist's current agents. */
    record AgentsListed(Set<ActorRef<AgentCommand>> agents) implements SchedulerCommand {}

    /**
     * What a scheduler starts from: the jobs waiting or holding GPUs and the tenants; and the
     * latest successes, still being read, which its duration predictor learns from when they come.
     */
    record Recovered(List<Job> jobs, Map<TenantId, TenantSpec> tenants, CompletionStage<List<Job>> succeeded)
            implements SchedulerCommand {}

    /** The latest successes were read (empty if they could not be). */
    record SucceededRead(List<Job> succeeded) implements SchedulerCommand {}

    record RecoveryFailed(Throwable cause) implements SchedulerCommand {}

    /** A background start forecast finished (empty if it failed); see {@link StartForecasts}. */
    record ForecastDone(Map<JobId, StartEstimate> estimates) implements SchedulerCommand {}

    /** Run a scheduling pass now; sent to self, so changes already in the mailbox are batched into it. */
    enum RunPass implements SchedulerCommand { INSTANCE }

    /** Periodic: find silent agents, re-run the policy for time-driven decisions (aging, minimum run time). */
    enum Tick implements SchedulerCommand { INSTANCE }

    /** A lost node's lease surely lapsed by now: its jobs may go back to the queue. */
    record LeaseLapsed(NodeId node) implements SchedulerCommand {}

    /** Periodic: write the GPU time accrued since the last write. */
    enum FlushUsage implements SchedulerCommand { INSTANCE }

    /** An entity answered a lifecycle command the scheduler sent (or the ask failed). */
    record EntityAnswered(JobId job, String command, int attempt, JobReply reply, Throwable failure)
            implements SchedulerCommand {}
}

package org.gantry.scheduler.control.job;

import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.gantry.api.job.JobId;
import org.gantry.scheduler.control.ControlPlane;
import org.gantry.scheduler.control.SchedulerCommand;
import org.gantry.scheduler.control.job.JobLifecycle.Empty;
import org.gantry.scheduler.control.job.JobLifecycle.Finished;
import org.gantry.scheduler.control.job.JobLifecycle.Holding;
import org.gantry.scheduler.control.job.JobLifecycle.Pending;
import org.gantry.scheduler.control.job.JobRules.Decision;

/**
 * One job, sharded over the control nodes and event-sourced: its event log is the job's source
 * of truth. The rules live in {@link JobRules} and the fold in {@link JobLifecycle}; this class
 * only turns decisions into effects, replies, and is the one that tells the scheduler of every
 * change (the scheduler also follows the replies to its own commands, which can overtake it),
 * except the first of a job submitted without an idempotency key, which FreshJobs writes and tells.
 */
public final class JobEntity extends EventSourcedBehaviorWithEnforcedReplies<JobCommand, JobEvent, JobLifecycle> {

    public static final EntityTypeKey<JobCommand> TYPE_KEY = EntityTypeKey.create(JobCommand.class, "Job");

    /**
     * Every job event carries this tag, so the read journal's {@code eventsByTag} gives all of
     * them in one stream with offsets: what the job table ({@code JobProjector}) follows instead
     * of replaying every job.
     */
    public static final String TAG = "job";

    // A snapshot every 20 events bounds recovery. Events are never deleted: the job table checks
    // each job's sequence numbers, builds itself from every job's events on a first start, and
    // waits for the tag's newest event, so a deleted one would stall or break it.
    private static final int SNAPSHOT_EVERY = 20;
    private static final int SNAPSHOTS_KEPT = 2;
    static final Set<String> TAGS = Set.of(TAG);

    private final JobId id;
    private final ActorRef<SchedulerCommand.JobChanged> scheduler;

    private JobEntity(JobId id, ActorRef<SchedulerCommand.JobChanged> scheduler) {
        super(persistenceId(id));
        this.id = id;
        this.scheduler = scheduler;
    }

    public static Behavior<JobCommand> create(JobId id, ActorRef<SchedulerCommand.JobChanged> scheduler) {
        return new JobEntity(id, scheduler);
    }

    /** Starts sharding of job entities on this node (hosting them only on {@value ControlPlane#ROLE} nodes). */
    public static void init(ClusterSharding sharding, ActorRef<SchedulerCommand.JobChanged> scheduler) {
        sharding.init(Entity.of(TYPE_KEY, context -> create(JobId.of(context.getEntityId()), scheduler))
                .withRole(ControlPlane.ROLE));
    }

    /** {@code Job|<id>}: where the job's events are, for the read journal too. */
    public static PersistenceId persistenceId(JobId id) {
        return PersistenceId.of(TYPE_KEY.name(), id.value());
    }

    @Override
    public JobLifecycle emptyState() {
        return new Empty();
    }

    @Override
    public CommandHandlerWithReply<JobCommand, JobEvent, JobLifecycle> commandHandler() {
        CommandHandlerWithReplyBuilder<JobCommand, JobEvent, JobLifecycle> builder =
                newCommandHandlerWithReplyBuilder();
        builder.forStateType(Empty.class)
                .onAnyCommand((state, command) -> effect(state, command, JobRules.onEmpty(command)));
        builder.forStateType(Pending.class)
                .onAnyCommand((state, command) -> effect(state, command, JobRules.onPending(state, command)));
        builder.forStateType(Holding.class)
                .onAnyCommand((state, command) -> effect(state, command, JobRules.onHolding(state, command)));
        builder.forStateType(Finished.class)
                .onAnyCommand((state, command) -> effect(state, command, JobRules.onFinished(state, command)));
        return builder.build();
    }

    @Override
    public EventHandler<JobLifecycle, JobEvent> eventHandler() {
        return JobLifecycle::apply;
    }

    @Override
    public Set<String> tagsFor(JobEvent event) {
        return TAGS;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, SNAPSHOTS_KEPT);
    }

    private ReplyEffect<JobEvent, JobLifecycle> effect(JobLifecycle state, JobCommand command, Decision decision) {
        if (decision instanceof Decision.Persist persist) {
            return Effect().persist(persist.event())
                    .thenRun((JobLifecycle changed) -> scheduler.tell(new SchedulerCommand.JobChanged(changed.view(id))))
                    .thenReply(command.replyTo(), changed -> new JobReply.Accepted(changed.view(id), true));
        }
        if (decision instanceof Decision.Refuse refuse) {
            return Effect().reply(command.replyTo(), new JobReply.Refused(state.view(id), refuse.reason()));
        }
        if (decision instanceof Decision.NotFound) {
            return Effect().reply(command.replyTo(), new JobReply.Unknown());
        }
        return Effect().reply(command.replyTo(), new JobReply.Accepted(state.view(id), false));
    }
}

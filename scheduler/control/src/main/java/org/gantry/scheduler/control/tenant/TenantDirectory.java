package org.gantry.scheduler.control.tenant;

import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.gantry.scheduler.control.SchedulerCommand;

/**
 * Tenants, their quotas and their token hashes, event-sourced under one persistence id. Runs as
 * a cluster singleton beside the scheduler, which it tells about every change so quotas apply
 * at the next pass.
 */
public final class TenantDirectory
        extends EventSourcedBehaviorWithEnforcedReplies<TenantCommand, TenantEvent, Tenants> {
    public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("gantry-tenants");

    private final Supplier<ActorRef<SchedulerCommand.TenantsChanged>> scheduler;

    private TenantDirectory(Supplier<ActorRef<SchedulerCommand.TenantsChanged>> scheduler) {
        super(PERSISTENCE_ID);
        this.scheduler = scheduler;
    }

    /** @param scheduler who hears of every change (looked up when one happens) */
    public static Behavior<TenantCommand> create(Supplier<ActorRef<SchedulerCommand.TenantsChanged>> scheduler) {
        return new TenantDirectory(scheduler);
    }

    @Override
    public Tenants emptyState() {
        return Tenants.EMPTY;
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public CommandHandlerWithReply<TenantCommand, TenantEvent, Tenants> commandHandler() {
        return newCommandHandlerWithReplyBuilder().forAnyState()
                .onCommand(TenantCommand.Create.class, (state, create) -> {
                    if (state.get(create.spec().name()) != null) {
                        return Effect().reply(create.replyTo(),
                                new TenantReply.AlreadyExists(state.get(create.spec().name())));
                    }
                    return persistThenTell(new TenantEvent.TenantCreated(create.spec(), create.tokenHash()),
                            create.replyTo());
                })
                .onCommand(TenantCommand.SetQuota.class, (state, set) -> {
                    if (state.get(set.tenant()) == null) {
                        return Effect().reply(set.replyTo(), new TenantReply.NoSuchTenant(set.tenant()));
                    }
                    return persistThenTell(new TenantEvent.QuotaSet(set.tenant(), set.quotas()), set.replyTo());
                })
                .onCommand(TenantCommand.GetAll.class, (state, get) ->
                        Effect().reply(get.replyTo(), new TenantReply.All(state.asMap())))
                .onCommand(TenantCommand.Authenticate.class, (state, auth) ->
                        Effect().reply(auth.replyTo(), new TenantReply.Identified(state.holderOf(auth.tokenHash()))))
                .build();
    }

    private ReplyEffect<TenantEvent, Tenants> persistThenTell(TenantEvent event, ActorRef<TenantReply> replyTo) {
        return Effect().persist(event).thenReply(replyTo, state -> {
            scheduler.get().tell(new SchedulerCommand.TenantsChanged(state.asMap()));
            String name = event instanceof TenantEvent.TenantCreated created ? created.spec().name().value()
                    : ((TenantEvent.QuotaSet) event).tenant().value();
            return new TenantReply.Done(state.byName().get(name));
        });
    }

    @Override
    public EventHandler<Tenants, TenantEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(Tenants::apply);
    }
}

package org.gantry.scheduler.control.tenant;

import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.gantry.api.tenant.TenantId;
import org.gantry.scheduler.control.SchedulerCommand;

/**
 * Tenants, their quotas and the hashes of every bearer token (tenants' and the admin's, save
 * the bootstrap one from the environment), event-sourced under one persistence id. Runs as
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
                    TenantEvent created = new TenantEvent.TenantCreated(create.spec(), null);
                    List<TenantEvent> events = create.firstToken() == null ? List.of(created)
                            : List.of(created, create.firstToken());
                    return Effect().persist(events).thenReply(create.replyTo(),
                            after -> tellScheduler(after, create.spec().name()));
                })
                .onCommand(TenantCommand.SetQuota.class, (state, set) -> {
                    if (state.get(set.tenant()) == null) {
                        return Effect().reply(set.replyTo(), new TenantReply.NoSuchTenant(set.tenant()));
                    }
                    return Effect().persist(new TenantEvent.QuotaSet(set.tenant(), set.quotas()))
                            .thenReply(set.replyTo(), after -> tellScheduler(after, set.tenant()));
                })
                .onCommand(TenantCommand.GetAll.class, (state, get) ->
                        Effect().reply(get.replyTo(), new TenantReply.All(state.asMap())))
                .onCommand(TenantCommand.Authenticate.class, (state, auth) ->
                        Effect().reply(auth.replyTo(), new TenantReply.Identified(state.token(auth.tokenHash()))))
                .onCommand(TenantCommand.IssueToken.class, (state, issue) -> {
                    String holder = issue.token().tenant();
                    if (holder != null && state.get(TenantId.of(holder)) == null) {
                        return Effect().reply(issue.replyTo(), new TenantReply.NoSuchTenant(TenantId.of(holder)));
                    }
                    return Effect().persist(issue.token()).thenReply(issue.replyTo(),
                            after -> new TenantReply.TokenDone(after.token(issue.token().hash())));
                })
                .onCommand(TenantCommand.ListTokens.class, (state, list) -> {
                    if (list.holder() != null && state.get(TenantId.of(list.holder())) == null) {
                        return Effect().reply(list.replyTo(), new TenantReply.NoSuchTenant(TenantId.of(list.holder())));
                    }
                    return Effect().reply(list.replyTo(), new TenantReply.TokenList(state.tokensOf(list.holder())));
                })
                .onCommand(TenantCommand.RevokeToken.class, (state, revoke) -> {
                    TokenRecord token = state.token(revoke.holder(), revoke.id());
                    if (token == null) {
                        return Effect().reply(revoke.replyTo(), new TenantReply.NoSuchToken(revoke.id()));
                    }
                    if (token.revoked() != null) {
                        return Effect().reply(revoke.replyTo(), new TenantReply.TokenDone(token));
                    }
                    return Effect().persist(new TenantEvent.TokenRevoked(revoke.id(), revoke.at()))
                            .thenReply(revoke.replyTo(), after -> new TenantReply.TokenDone(after.token(token.hash())));
                })
                .build();
    }

    /** Tells the scheduler of the tenants as they now are, and answers with the one that changed. */
    private TenantReply tellScheduler(Tenants state, TenantId changed) {
        scheduler.get().tell(new SchedulerCommand.TenantsChanged(state.asMap()));
        return new TenantReply.Done(state.get(changed));
    }

    @Override
    public EventHandler<Tenants, TenantEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(Tenants::apply);
    }
}

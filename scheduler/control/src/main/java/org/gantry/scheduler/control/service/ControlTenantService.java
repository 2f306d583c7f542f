package org.gantry.scheduler.control.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.cluster.PoolId;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ServiceException;
import org.gantry.api.service.TenantQuota;
import org.gantry.api.service.TenantService;
import org.gantry.api.service.TenantUsage;
import org.gantry.api.service.UsageQuery;
import org.gantry.api.tenant.PoolQuota;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TenantSpec;
import org.gantry.scheduler.control.Overcommitments;
import org.gantry.scheduler.control.SchedulerCommand;
import org.gantry.api.tenant.TokenRole;
import org.gantry.scheduler.control.tenant.TenantCommand;
import org.gantry.scheduler.control.tenant.TenantEvent;
import org.gantry.scheduler.control.tenant.TokenRecord;
import org.gantry.scheduler.control.tenant.TenantReply;
import org.gantry.scheduler.control.usage.UsageReport;

/** Tenants over the tenant directory (who exists, their tokens) and the scheduler (their usage). */
public final class ControlTenantService implements TenantService {
    private final ActorRef<TenantCommand> directory;
    private final ActorRef<SchedulerCommand> scheduler;
    private final Asking asking;
    private final UsageReport usage;
    private final Executor blocking;

    ControlTenantService(ActorRef<TenantCommand> directory, ActorRef<SchedulerCommand> scheduler, Asking asking,
                         UsageReport usage, Executor blocking) {
        this.directory = directory;
        this.scheduler = scheduler;
        this.asking = asking;
        this.usage = usage;
        this.blocking = blocking;
    }

    @Override
    public CompletionStage<CreatedTenant> create(Caller caller, TenantSpec spec) {
        if (!(caller instanceof Caller.Admin)) {
            return forbidden("only the admin creates tenants");
        }
        String token = Tokens.generate();
        TenantEvent.TokenIssued first = new TenantEvent.TokenIssued(Tokens.newId(), Tokens.hash(token),
                spec.name().value(), TokenRecord.INITIAL, TokenRole.TENANT.label(), Instant.now(), null);
        return asking.<TenantCommand, TenantReply>ask(directory,
                replyTo -> new TenantCommand.Create(spec, first, replyTo), "a tenant creation")
                .thenCompose(reply -> {
                    if (reply instanceof TenantReply.Done done) {
                        return warnings(done.tenant().quotas().keySet())
                                .thenApply(warnings -> new CreatedTenant(done.tenant(), token, warnings));
                    }
                    throw new ServiceException.Conflict("tenant '" + spec.name() + "' already exists; change its "
                            + "quota with: gantry quota set " + spec.name() + " POOL=GUARANTEED:LIMIT (PUT "
                            + "/api/v1/tenants/" + spec.name() + "/quota)");
                });
    }

    @Override
    public CompletionStage<List<TenantSpec>> list(Caller caller) {
        return asking.<TenantCommand, TenantReply.All>ask(directory, TenantCommand.GetAll::new, "a tenant listing")
                .thenApply(all -> all.tenants().values().stream().filter(spec -> caller.mayActFor(spec.name()))
                        .sorted(Comparator.comparing(spec -> spec.name().value())).toList());
    }

    @Override
    public CompletionStage<TenantQuota> quota(Caller caller, TenantId tenant) {
        if (!caller.mayActFor(tenant)) {
            return CompletableFuture.failedFuture(new ServiceException.NotFound("no tenant '" + tenant + "'"));
        }
        return asking.<TenantCommand, TenantReply.All>ask(directory, TenantCommand.GetAll::new, "a quota lookup")
                .thenCompose(all -> {
                    if (!all.tenants().containsKey(tenant)) {
                        throw new ServiceException.NotFound("no tenant '" + tenant + "'");
                    }
                    return asking.<SchedulerCommand, TenantQuota>ask(scheduler,
                            replyTo -> new SchedulerCommand.GetStanding(tenant, replyTo), "a quota lookup");
                });
    }

    @Override
    public CompletionStage<TenantQuota> setQuota(Caller caller, TenantId tenant, Map<PoolId, PoolQuota> quotas) {
        if (!(caller instanceof Caller.Admin)) {
            return forbidden("only the admin changes quotas");
        }
        return asking.<TenantCommand, TenantReply>ask(directory,
                        replyTo -> new TenantCommand.SetQuota(tenant, quotas, replyTo), "a quota change")
                .thenCompose(reply -> {
                    if (reply instanceof TenantReply.NoSuchTenant) {
                        throw new ServiceException.NotFound("no tenant '" + tenant + "'; create it with: gantry "
                                + "tenants create " + tenant + " --quota POOL=GUARANTEED:LIMIT");
                    }
                    return asking.<SchedulerCommand, TenantQuota>ask(scheduler,
                                    replyTo -> new SchedulerCommand.GetStanding(tenant, replyTo), "a quota lookup")
                            .thenCombine(warnings(quotas.keySet()), TenantQuota::withWarnings);
                });
    }

    /**
     * Warnings for {@code pools} whose guarantees exceed their GPUs, from the directory's quotas
     * (the scheduler may not have heard of a change just made) and the scheduler's capacity.
     */
    private CompletionStage<List<String>> warnings(Set<PoolId> pools) {
        CompletionStage<TenantReply.All> all = asking.<TenantCommand, TenantReply.All>ask(directory,
                TenantCommand.GetAll::new, "a quota check");
        CompletionStage<SchedulerCommand.PoolsAnswer> capacity = asking.<SchedulerCommand, SchedulerCommand.PoolsAnswer>ask(
                scheduler, SchedulerCommand.GetPools::new, "a quota check");
        return all.thenCombine(capacity, (tenants, answer) -> {
            Map<PoolId, Integer> gpus = new HashMap<>();
            answer.pools().forEach(pool -> gpus.put(pool.id(), pool.gpus()));
            return Overcommitments.warnings(gpus, Overcommitments.book(tenants.tenants()), pools);
        });
    }

    @Override
    public CompletionStage<TenantUsage> usage(Caller caller, TenantId tenant, UsageQuery query) {
        if (!caller.mayActFor(tenant)) { // another tenant's usage is as invisible as its jobs
            return CompletableFuture.failedFuture(new ServiceException.NotFound("no tenant '" + tenant + "'"));
        }
        return asking.<TenantCommand, TenantReply.All>ask(directory, TenantCommand.GetAll::new, "a usage lookup")
                .thenComposeAsync(all -> {
                    if (!all.tenants().containsKey(tenant)) {
                        throw new ServiceException.NotFound("no tenant '" + tenant + "'; see gantry tenants");
                    }
                    return CompletableFuture.completedFuture(usage.of(tenant, query));
                }, blocking);
    }

    private static <T> CompletionStage<T> forbidden(String why) {
        return CompletableFuture.failedFuture(new ServiceException.Forbidden(why));
    }
}

package org.gantry.scheduler.control.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.service.Caller;
import org.gantry.api.service.ServiceException;
import org.gantry.api.service.TokenInfo;
import org.gantry.api.service.TokenService;
import org.gantry.api.tenant.TenantId;
import org.gantry.api.tenant.TokenRequest;
import org.gantry.scheduler.control.tenant.TenantCommand;
import org.gantry.scheduler.control.tenant.TenantEvent;
import org.gantry.scheduler.control.tenant.TenantReply;

/**
 * Tokens over the tenant directory. The admin manages every token; a tenant's token (not a
 * reader's) its own tenant's, and another tenant's are as invisible as its jobs (404).
 */
final class ControlTokenService implements TokenService {
    private final ActorRef<TenantCommand> directory;
    private final Asking asking;
    private final Clock clock;

    ControlTokenService(ActorRef<TenantCommand> directory, Asking asking, Clock clock) {
        this.directory = directory;
        this.asking = asking;
        this.clock = clock;
    }

    @Override
    public CompletionStage<IssuedToken> issue(Caller caller, TenantId tenant, TokenRequest request) {
        ServiceException refused = refusal(caller, tenant, true);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        String secret = Tokens.generate();
        Instant now = clock.instant();
        TenantEvent.TokenIssued token = new TenantEvent.TokenIssued(Tokens.newId(), Tokens.hash(secret), holder(tenant),
                request.name(), request.role().label(), now,
                request.expiresIn() == null ? null : now.plus(request.expiresIn()));
        return asking.<TenantCommand, TenantReply>ask(directory, replyTo -> new TenantCommand.IssueToken(token, replyTo),
                        "a token issue")
                .thenApply(reply -> new IssuedToken(TokenStanding.info(done(reply, tenant, token.id())), secret));
    }

    @Override
    public CompletionStage<List<TokenInfo>> list(Caller caller, TenantId tenant) {
        ServiceException refused = refusal(caller, tenant, false);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return asking.<TenantCommand, TenantReply>ask(directory,
                        replyTo -> new TenantCommand.ListTokens(holder(tenant), replyTo), "a token listing")
                .thenApply(reply -> {
                    if (reply instanceof TenantReply.TokenList list) {
                        return list.tokens().stream().map(TokenStanding::info).toList();
                    }
                    throw noTenant(tenant);
                });
    }

    @Override
    public CompletionStage<TokenInfo> revoke(Caller caller, TenantId tenant, String id) {
        ServiceException refused = refusal(caller, tenant, true);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return asking.<TenantCommand, TenantReply>ask(directory,
                        replyTo -> new TenantCommand.RevokeToken(holder(tenant), id, clock.instant(), replyTo),
                        "a token revocation")
                .thenApply(reply -> TokenStanding.info(done(reply, tenant, id)));
    }

    /** Why the caller may not touch the holder's tokens, or null when it may. */
    private static ServiceException refusal(Caller caller, TenantId tenant, boolean changes) {
        if (tenant == null && !(caller instanceof Caller.Admin)) {
            return new ServiceException.Forbidden("only the admin token may manage admin tokens");
        }
        if (tenant != null && !caller.mayActFor(tenant)) {
            return noTenant(tenant);
        }
        if (changes && !caller.mayChange()) {
            return new ServiceException.Forbidden("this token is read-only (role reader): it may list tokens, "
                    + "not issue or revoke them");
        }
        return null;
    }

    private static org.gantry.scheduler.control.tenant.TokenRecord done(TenantReply reply, TenantId tenant, String id) {
        if (reply instanceof TenantReply.TokenDone done) {
            return done.token();
        }
        if (reply instanceof TenantReply.NoSuchTenant) {
            throw noTenant(tenant);
        }
        throw new ServiceException.NotFound("no token '" + clip(id) + "'" + (tenant == null ? " among the admin's"
                : " of tenant '" + tenant.value() + "'") + "; list them with: gantry tokens list"
                + (tenant == null ? " --admin" : " --tenant " + tenant.value()));
    }

    private static ServiceException noTenant(TenantId tenant) {
        return new ServiceException.NotFound("no tenant '" + tenant.value() + "'; see gantry tenants");
    }

    private static String holder(TenantId tenant) {
        return tenant == null ? null : tenant.value();
    }

    private static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}

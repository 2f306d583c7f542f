package org.gantry.scheduler.control.service;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.service.Caller;
import org.gantry.api.service.TokenAuthenticator;
import org.gantry.scheduler.control.tenant.TenantCommand;
import org.gantry.scheduler.control.tenant.TenantReply;

/** The admin token is checked here; tenant tokens by their hash in the tenant directory. */
public final class ControlAuthenticator implements TokenAuthenticator {
    private final String adminTokenHash;
    private final ActorRef<TenantCommand> directory;
    private final Asking asking;

    ControlAuthenticator(String adminToken, ActorRef<TenantCommand> directory, Asking asking) {
        this.adminTokenHash = Tokens.hash(adminToken);
        this.directory = directory;
        this.asking = asking;
    }

    @Override
    public CompletionStage<Optional<Caller>> authenticate(String token) {
        String hash = Tokens.hash(token);
        if (Tokens.sameHash(hash, adminTokenHash)) {
            return CompletableFuture.completedFuture(Optional.of(new Caller.Admin()));
        }
        return asking.<TenantCommand, TenantReply.Identified>ask(directory,
                        replyTo -> new TenantCommand.Authenticate(hash, replyTo), "a token check")
                .thenApply(identified -> Optional.ofNullable(identified.tenant()).map(Caller.Tenant::new));
    }
}

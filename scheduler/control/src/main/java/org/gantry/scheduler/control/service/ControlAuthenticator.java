package org.gantry.scheduler.control.service;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.gantry.api.service.Authentication;
import org.gantry.api.service.Caller;
import org.gantry.api.service.TokenAuthenticator;
import org.gantry.scheduler.control.tenant.TenantCommand;
import org.gantry.scheduler.control.tenant.TenantReply;

/**
 * The bootstrap admin token (from the environment or the data dir) is checked here; every other
 * token by its hash in the tenant directory, then by {@link TokenStanding} against the clock.
 */
public final class ControlAuthenticator implements TokenAuthenticator {
    /** The id the audit log gives the admin token from {@code GANTRY_ADMIN_TOKEN} or {@code admin.token}. */
    public static final String BOOTSTRAP_ID = "bootstrap";

    private final String adminTokenHash;
    private final ActorRef<TenantCommand> directory;
    private final Asking asking;
    private final Clock clock;

    ControlAuthenticator(String adminToken, ActorRef<TenantCommand> directory, Asking asking, Clock clock) {
        this.adminTokenHash = Tokens.hash(adminToken);
        this.directory = directory;
        this.asking = asking;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Optional<Caller>> authenticate(String token) {
        return identify(token).thenApply(identity -> identity instanceof Authentication.Known known
                ? Optional.of(known.caller()) : Optional.empty());
    }

    @Override
    public CompletionStage<Authentication> identify(String token) {
        String hash = Tokens.hash(token);
        if (Tokens.sameHash(hash, adminTokenHash)) {
            return CompletableFuture.completedFuture(new Authentication.Known(new Caller.Admin(), BOOTSTRAP_ID));
        }
        return asking.<TenantCommand, TenantReply.Identified>ask(directory,
                        replyTo -> new TenantCommand.Authenticate(hash, replyTo), "a token check")
                .thenApply(identified -> TokenStanding.of(identified.token(), clock.instant()));
    }
}
